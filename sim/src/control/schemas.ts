import { z } from "zod";
import { connStateTypeSchema } from "@pregao/contracts";
import { MAX_FLOOD_MS, MAX_FLOOD_RATE, type FeedCounters } from "../feed/controls.ts";
import { MAX_FAULT_MS, type FaultReport } from "../feed/fault.ts";

const count = z.number().int().min(0).max(1_000_000);

/** `"250ms"`, `"3s"`: whole milliseconds or seconds, more than 0 and at most 10 minutes. */
export const durationSchema = z
  .string()
  .regex(/^\d{1,6}(ms|s)$/, 'a duration like "250ms" or "3s"')
  .transform((text) => (text.endsWith("ms") ? Number(text.slice(0, -2)) : Number(text.slice(0, -1)) * 1000))
  .refine(
    (ms) => ms > 0 && ms <= MAX_FAULT_MS,
    `a duration above 0 and at most ${MAX_FAULT_MS / 60_000} min`,
  );
/** The text form of a duration (`durationSchema`'s input). */
export type Duration = `${number}ms` | `${number}s`;

/** How long a fault lasts: `for` a duration (across reconnects), or `count` events, then it disarms itself. */
const arming = { for: durationSchema.optional(), count: count.optional() };

/** Refuses a body naming more than one of `keys` (or none, when `required`), reported on the second key. */
function oneOf<T extends Record<string, unknown>>(keys: (keyof T & string)[], required: boolean) {
  return (body: T, ctx: z.RefinementCtx) => {
    const given = keys.filter((k) => body[k] !== undefined);
    if (given.length > 1 || (required && given.length === 0))
      ctx.addIssue({
        code: "custom",
        path: [given[1] ?? keys[0]!],
        message: `give exactly ${required ? "one" : "at most one"} of ${keys.join(", ")}`,
      });
  };
}

const toggle = z
  .object({ enabled: z.boolean().optional(), ...arming })
  .superRefine(oneOf(["enabled", "for", "count"], true));

/** Request bodies of the POST endpoints, keyed by path segment (`/control/<name>`). */
export const controlBodySchemas = {
  /** `{}` closes every connection now; `for`/`count` also closes each connection accepted in the window / the next n. */
  drop: z.object({ ...arming }).superRefine(oneOf(["for", "count"], false)),
  reset: z.object({}).passthrough(),
  /** 503 on upgrade: `enabled`, or `for` a duration, or the next `count` upgrades. */
  refuse: toggle,
  /** Nothing sent, heartbeats included: `enabled`, or `for` a duration, or the next `count` frames. */
  blackhole: toggle,
  /** Every frame `ms` late: until reset, or `for` a duration, or the next `count` frames. */
  delay: z
    .object({ ms: z.number().int().min(0).max(60_000), ...arming })
    .superRefine(oneOf(["for", "count"], false)),
  /** A garbage frame before each of the next `count` frames, or before every frame `for` a duration. */
  malformed: z.object({ ...arming }).superRefine(oneOf(["count", "for"], true)),
  /** One gap of `count` on every open connection, or a gap of one before every frame `for` a duration. */
  "skip-seq": z
    .object({ count: count.min(1).optional(), for: durationSchema.optional() })
    .superRefine(oneOf(["count", "for"], true)),
  flood: z
    .object({
      rate: z.number().positive().max(MAX_FLOOD_RATE),
      durationMs: z.number().int().positive().max(MAX_FLOOD_MS).optional(),
      for: durationSchema.refine((ms) => ms <= MAX_FLOOD_MS, `at most ${MAX_FLOOD_MS / 1000} s`).optional(),
    })
    .superRefine(oneOf(["durationMs", "for"], true)),
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
/** What a client sends (durations as text). */
export type ControlBody<A extends ControlAction> = z.input<(typeof controlBodySchemas)[A]>;

/** One fault's arming in the state: off, on until cleared, time left, or events left. */
export const faultReportSchema: z.ZodType<FaultReport> = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("off") }),
  z.object({ mode: z.literal("on") }),
  z.object({ mode: z.literal("for"), remainingMs: z.number() }),
  z.object({ mode: z.literal("count"), remaining: z.number().int() }),
]);

/** Monotonic feed counters since the sim started (tests read deltas from a baseline). */
export const feedCountersSchema: z.ZodType<FeedCounters> = z.object({
  connectionsAccepted: z.number().int(),
  upgradesRefused: z.number().int(),
  connectionsDropped: z.number().int(),
  framesSent: z.number().int(),
  framesSwallowed: z.number().int(),
  malformedSent: z.number().int(),
  seqSkipped: z.number().int(),
});

/** `GET /control/state` (also the reply of every POST). */
export const simControlStateSchema = z.object({
  rate: z.number(),
  baseRate: z.number(),
  connections: z.number().int(),
  faults: z.object({
    refuse: faultReportSchema,
    blackhole: faultReportSchema,
    delay: z.object({ ms: z.number(), arming: faultReportSchema }),
    malformed: faultReportSchema,
    skipSeq: faultReportSchema,
    drop: faultReportSchema,
    flood: z.object({ rate: z.number(), until: z.number(), remainingMs: z.number() }).nullable(),
    connectionStates: z.array(z.object({ stateType: z.number().int(), result: z.number().int() })),
    /** Order manager + risk service port open (`POST /control/services`). */
    servicesEnabled: z.boolean().optional(),
  }),
  counters: feedCountersSchema,
});
export type SimControlState = z.infer<typeof simControlStateSchema>;
