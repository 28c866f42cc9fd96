import { fileURLToPath } from "node:url";
import { z } from "zod";

const defaultSpoolFile = fileURLToPath(new URL("../../data/audit-spool.jsonl", import.meta.url));
const int = (min: number, def: number) => z.coerce.number().int().min(min).default(def);

/** The PostgreSQL audit trail's settings (audit/); spread into `configSchema` in env.ts. */
export const auditTrailConfigShape = {
  /**
   * `database`: every audit line also goes to the hash-chained `audit_log` table (the JSON lines stay). `off`: JSON
   * lines only. Default `database`, or `off` when NODE_ENV=test (test BFFs would each start PGlite on the first login).
   */
  AUDIT_STORE: z.enum(["database", "off"]).optional(),
  /** Where audit rows wait, durably, while the database is away (JSON lines, fsync per batch; git-ignored). */
  AUDIT_SPOOL_FILE: z.string().min(1).default(defaultSpoolFile),
  /** The spool's size bound; past it new rows are dropped, counted, logged, and an `audit.rows_lost` row says so. */
  AUDIT_SPOOL_MAX_BYTES: int(1024, 256 * 1024 * 1024),
  /** Rows waiting in memory for the database or the spool; past it a row is dropped and counted. */
  AUDIT_DB_QUEUE_MAX: int(1, 10_000),
  /** Rows per database transaction (and per spool fsync). */
  AUDIT_DB_BATCH: int(1, 500).pipe(z.number().max(2000)),
  /** A database write slower than this counts as failed: the batch is spooled (a late commit is skipped on replay). */
  AUDIT_DB_WRITE_TIMEOUT_MS: int(100, 5000),
  /** Keep audit rows this many days; unset = keep forever (the default). The cut is recorded in the chain. */
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).optional(),
  /** How often the retention job runs (when AUDIT_RETENTION_DAYS is set). */
  AUDIT_RETENTION_INTERVAL_MS: int(1000, 3_600_000),
} as const;

export type AuditTrailConfig = z.infer<z.ZodObject<typeof auditTrailConfigShape>> & { NODE_ENV: string };

/** Whether audit lines go to the database for this config (see AUDIT_STORE). */
export function auditStoreEnabled(config: AuditTrailConfig): boolean {
  return (config.AUDIT_STORE ?? (config.NODE_ENV === "test" ? "off" : "database")) === "database";
}
