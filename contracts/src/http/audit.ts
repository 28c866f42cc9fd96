import { z } from "zod";

/**
 * The audit trail as the BFF serves it (GET /api/v1/audit, GET /api/v1/audit/export): one row per audited action,
 * newest first, paged by `seq` (a keyset cursor, so a page never shifts while new rows arrive).
 */

/** How an audited action ended. */
export const auditOutcomeSchema = z.enum(["success", "failure", "denied", "info"]);
export type AuditOutcome = z.infer<typeof auditOutcomeSchema>;

export const AUDIT_PAGE = {
  /** Rows per page unless the query asks otherwise. */
  defaultLimit: 100,
  /** Largest page. */
  maxLimit: 500,
  /** Largest CSV export (rows); a bigger range answers 400 EXPORT_TOO_LARGE with this number. */
  maxExportRows: 50_000,
} as const;

/** One audit row. `seq` is the chain position (strictly increasing); `hash` is the row's link in the hash chain. */
export const auditEntrySchema = z.object({
  seq: z.number().int().positive(),
  /** When the BFF recorded it (ISO 8601, UTC). */
  at: z.iso.datetime(),
  /** The action, e.g. `login.success`, `order.submit.denied`, `risk.kill_switch_activate.success`. */
  event: z.string(),
  outcome: auditOutcomeSchema,
  /** Who did it (username), when known. */
  user: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  /** The instrument an order action concerned, `TICKER:EXCHANGE`. */
  asset: z.string().nullable(),
  orderId: z.string().nullable(),
  /** The refusal or the kill switch's stated reason. */
  reason: z.string().nullable(),
  /** Anything else the action recorded (already redacted). */
  details: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

const optionalText = (max: number) => z.string().trim().min(1).max(max).optional();

/** Filters shared by the page and the export. Every filter is optional; they combine with AND. */
export const auditFilterSchema = z.object({
  /** Exact username. */
  user: optionalText(128),
  /** An action or an action prefix: `order` matches `order.submit.success` and `order.cancel.denied`. */
  action: optionalText(64),
  /** Inclusive lower bound on `at`. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive upper bound on `at`. */
  to: z.iso.datetime({ offset: true }).optional(),
  asset: optionalText(32),
  orderId: optionalText(128),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = auditFilterSchema.extend({
  /** Rows older than this `seq` (the previous page's `nextCursor`). */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE.maxLimit).default(AUDIT_PAGE.defaultLimit),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: z.number().int().positive().nullable(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;

/** The CSV export's columns, in order (the header row). */
export const AUDIT_CSV_COLUMNS = [
  "seq",
  "at",
  "event",
  "outcome",
  "user",
  "ip",
  "requestId",
  "asset",
  "orderId",
  "reason",
  "details",
] as const satisfies readonly (keyof AuditEntry)[];
