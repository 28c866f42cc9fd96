import { sql, type Kysely, type Transaction } from "kysely";
import { chainHash } from "./canonical.ts";
import type { AuditDatabase, PendingAuditRow } from "./schema.ts";

export interface AppendResult {
  /** Rows stored by this call. */
  inserted: number;
  /** Rows skipped because their id was already stored (a replay after a crash mid-batch). */
  skipped: number;
  /** The chain head after the call. */
  headSeq: number;
}

const jsonb = (value: unknown) =>
  value === null ? null : sql<unknown>`cast(${JSON.stringify(value)} as jsonb)`;

/**
 * Appends rows to the chain inside `trx`: locks the head row (audit_chain FOR UPDATE), drops rows whose id is already
 * stored, numbers the rest from the head's seq and links each to the previous hash, inserts them in one statement and
 * moves the head. Two BFF instances appending at once queue on the lock, so seq and prev_hash never fork.
 */
export async function appendInTransaction(
  trx: Transaction<AuditDatabase>,
  rows: readonly PendingAuditRow[],
): Promise<AppendResult> {
  const head = await trx
    .selectFrom("audit_chain")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  let seq = Number(head.seq);
  if (rows.length === 0) return { inserted: 0, skipped: 0, headSeq: seq };
  const stored = await trx
    .selectFrom("audit_log")
    .select("id")
    .where(
      "id",
      "in",
      rows.map((r) => r.id),
    )
    .execute();
  const seen = new Set(stored.map((r) => r.id));
  let prev = head.hash;
  const values = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    seq++;
    const hash = chainHash(prev, row, seq);
    values.push({
      seq: String(seq),
      id: row.id,
      at: row.at,
      event: row.event,
      outcome: row.outcome,
      user: row.user,
      ip: row.ip,
      request_id: row.requestId,
      asset: row.asset,
      order_id: row.orderId,
      reason: row.reason,
      details: jsonb(row.details),
      prev_hash: prev,
      hash,
    });
    prev = hash;
  }
  if (values.length > 0) {
    await trx.insertInto("audit_log").values(values).execute();
    await trx
      .updateTable("audit_chain")
      .set({ seq: String(seq), hash: prev })
      .where("id", "=", 1)
      .execute();
  }
  return { inserted: values.length, skipped: rows.length - values.length, headSeq: seq };
}

/** Appends one batch in its own transaction (audit_log's only writer besides the retention job's cut record). */
export function appendRows(
  db: Kysely<AuditDatabase>,
  rows: readonly PendingAuditRow[],
): Promise<AppendResult> {
  return db.transaction().execute((trx) => appendInTransaction(trx, rows));
}

/**
 * Whether a failed write may succeed later as it is (the database is down, restarting, overloaded, or the call timed
 * out) — spool and retry — or never will (the row itself is refused: SQLSTATE classes 22 data exception and 23
 * integrity), so retrying the batch as a whole would stall the trail behind one bad row.
 */
export function isTransientStoreError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return true; // socket errors, timeouts, pool errors
  return !(code.startsWith("22") || code.startsWith("23"));
}
