import { z } from "zod";

/** Every error code the BFF returns, over HTTP and in socket acks. */
export const errorCodeSchema = z.enum([
  "VALIDATION_FAILED",
  "UNKNOWN_EVENT",
  "UNKNOWN_ASSET",
  "TOO_MANY_SUBSCRIPTIONS",
  /** A socket handshake over a cap (sockets per session, per user or per client IP); `details.scope` says which. */
  "TOO_MANY_SOCKETS",
  "NOT_FOUND",
  "PAYLOAD_TOO_LARGE",
  "RATE_LIMITED",
  "UNAUTHENTICATED",
  "SESSION_EXPIRED",
  "FORBIDDEN",
  "CSRF_REJECTED",
  "ORIGIN_REJECTED",
  "RISK_REJECTED",
  /** The request conflicts with the resource's state (e.g. cancelling a filled order). */
  "CONFLICT",
  /** An order's idempotency key was already used for a different order (409, `field: "idempotencyKey"`). */
  "IDEMPOTENCY_KEY_REUSED",
  /** The order needs an explicit second confirmation (428); resend it with `confirm: [details.rule]`, same key. */
  "CONFIRMATION_REQUIRED",
  /** A workspace save from a stale revision (409); `details.current` is the stored workspace to resolve against. */
  "WORKSPACE_CONFLICT",
  "UPSTREAM_UNAVAILABLE",
  /** The database's primary is unreachable or read-only (503): reads still work (replica), saves do not; retry later. */
  "DATA_STORE_READ_ONLY",
  /** A CSV export matching more rows than AUDIT_PAGE.maxExportRows (400); `details.maxRows`; narrow the filters. */
  "EXPORT_TOO_LARGE",
  "INTERNAL",
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

/** Error body; `field` names the offending input (dot path) when there is one. */
export const errorBodySchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  field: z.string().optional(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** HTTP error envelope: `{ error: { code, message, field?, details?, requestId } }`. */
export const errorEnvelopeSchema = z.object({ error: errorBodySchema });
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
