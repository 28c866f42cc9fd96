import { z } from "zod";
import { connStateTypeSchema } from "@pregao/contracts";
import { MAX_FLOOD_MS, MAX_FLOOD_RATE } from "../feed/controls.ts";

const count = z.number().int().min(0).max(1_000_000);

/** Request bodies of the POST endpoints, keyed by path segment (`/control/<name>`). */
export const controlBodySchemas = {
  drop: z.object({}).passthrough(),
  reset: z.object({}).passthrough(),
  refuse: z.object({ enabled: z.boolean() }),
  blackhole: z.object({ enabled: z.boolean() }),
  delay: z.object({ ms: z.number().int().min(0).max(60_000) }),
  malformed: z.object({ count }),
  "skip-seq": z.object({ count: count.min(1) }),
  flood: z.object({
    rate: z.number().positive().max(MAX_FLOOD_RATE),
    durationMs: z.number().int().positive().max(MAX_FLOOD_MS),
  }),
  rate: z.object({ rate: z.number().min(0).max(MAX_FLOOD_RATE) }),
  "connection-state": z.object({
    stateType: connStateTypeSchema,
    result: z.number().int().min(0).max(255),
  }),
  services: z.object({ enabled: z.boolean() }),
  "trade-through": z.object({ asset: z.string().min(1), price: z.number().positive() }),
  "risk-reset": z.object({}).passthrough(),
} as const;
export type ControlAction = keyof typeof controlBodySchemas;
export type ControlBody<A extends ControlAction> = z.infer<(typeof controlBodySchemas)[A]>;

/** `GET /control/state` (also the reply of every POST). */
export const simControlStateSchema = z.object({
  rate: z.number(),
  baseRate: z.number(),
  connections: z.number().int(),
  faults: z.object({
    refuse: z.boolean(),
    blackhole: z.boolean(),
    delayMs: z.number(),
    malformedPending: z.number().int(),
    flood: z.object({ rate: z.number(), until: z.number() }).nullable(),
    connectionStates: z.array(z.object({ stateType: z.number().int(), result: z.number().int() })),
    /** Order manager + risk service port open (`POST /control/services`). */
    servicesEnabled: z.boolean().optional(),
  }),
});
export type SimControlState = z.infer<typeof simControlStateSchema>;
