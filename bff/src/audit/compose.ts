import type { Logger } from "../lib/logger.ts";
import { appendRows, type AppendResult } from "./chain-store.ts";
import { auditStoreEnabled, type AuditTrailConfig } from "./config.ts";
import { applyRetention, type RetentionCut } from "./retention.ts";
import { startRetentionJob } from "./retention-job.ts";
import { auditReader, type AuditDatabaseHandle, type AuditReader } from "./reader.ts";
import type { AuditLine } from "./row.ts";
import type { AuditDatabase } from "./schema.ts";
import { AuditSpool } from "./spool.ts";
import { AuditWriter, type AuditWriterStats } from "./writer.ts";

export interface ComposedAuditTrail {
  /** The second destination of every audit line (security/audit.ts); queues, never blocks. */
  append(line: AuditLine): void;
  /** Search and export for routes/audit/. */
  reader: AuditReader;
  stats(): AuditWriterStats;
  /** Stops retention, then stores or spools what is queued and closes the spool. */
  dispose(): Promise<void>;
}

/**
 * The hash-chained audit trail in the shared database (null when AUDIT_STORE=off): the writer with its spool (rows
 * left by an earlier run are replayed first), the retention job when AUDIT_RETENTION_DAYS is set, and the reader.
 */
export async function composeAuditTrail(deps: {
  config: AuditTrailConfig;
  logger: Logger;
  database: AuditDatabaseHandle;
}): Promise<ComposedAuditTrail | null> {
  const { config, database, logger } = deps;
  if (!auditStoreEnabled(config)) return null;
  const writer = new AuditWriter(
    (rows) => database.write<AuditDatabase, AppendResult>((db) => appendRows(db, rows)),
    new AuditSpool(config.AUDIT_SPOOL_FILE, config.AUDIT_SPOOL_MAX_BYTES),
    {
      batchMax: config.AUDIT_DB_BATCH,
      queueMax: config.AUDIT_DB_QUEUE_MAX,
      writeTimeoutMs: config.AUDIT_DB_WRITE_TIMEOUT_MS,
      retryMs: [250, 5000],
    },
    logger,
  );
  await writer.start();
  const retention = config.AUDIT_RETENTION_DAYS
    ? startRetentionJob({
        days: config.AUDIT_RETENTION_DAYS,
        intervalMs: config.AUDIT_RETENTION_INTERVAL_MS,
        cut: (cutoff) => database.write<AuditDatabase, RetentionCut>((db) => applyRetention(db, cutoff)),
        logger,
      })
    : null;
  return {
    append: (line) => writer.append(line),
    reader: auditReader(database),
    stats: () => writer.stats(),
    dispose: async () => {
      await retention?.stop();
      await writer.close();
    },
  };
}
