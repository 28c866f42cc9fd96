import { z } from "zod";
import { accountRefSchema } from "../http/session.ts";
import { killSwitchStateSchema, orderSchema, positionSchema } from "../http/orders.ts";

/**
 * The order manager's push stream to the BFF: `GET ws://<order-manager>/api/stream` with a service token
 * (aud `order-manager`, sub `service:pregao-bff`). Every message has a per-connection `seq`. On connect the service
 * sends the kill-switch state and a `positions` message per account, then changes as they happen (no polling).
 */
const base = { seq: z.number().int().positive(), ts: z.number().int() };

export const orderStreamMessageSchema = z.discriminatedUnion("type", [
  z.object({ ...base, type: z.literal("order"), order: orderSchema }),
  z.object({
    ...base,
    type: z.literal("positions"),
    account: accountRefSchema,
    positions: z.array(positionSchema),
  }),
  z.object({ ...base, type: z.literal("killSwitch"), state: killSwitchStateSchema }),
  z.object({ ...base, type: z.literal("heartbeat") }),
]);
export type OrderStreamMessage = z.infer<typeof orderStreamMessageSchema>;

/** The order manager's envelopes (OM-SPEC): `{ success: true, data, message? }` | `{ success: false, error, code, errors? }`. */
export const serviceErrorCodeSchema = z.enum([
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "RISK_REJECTED",
  "NOT_FOUND",
  "CONFLICT",
  "IDEMPOTENCY_KEY_REUSED",
  "CONFIRMATION_REQUIRED",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INTERNAL",
]);
export const serviceErrorSchema = z.object({
  success: z.literal(false),
  error: z.string(),
  code: serviceErrorCodeSchema,
  field: z.string().optional(),
  /** Machine-readable numbers behind the message (rule, limit, value, tickSize…): the UI formats them. */
  details: z.record(z.string(), z.unknown()).optional(),
  errors: z.array(z.string()).optional(),
});
export const serviceOk = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), data, message: z.string().optional() });
