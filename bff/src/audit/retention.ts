import { sql, type Kysely } from "kysely";
import { appendInTransaction } from "./chain-store.ts";
import { toPendingRow } from "./row.ts";
import type { AuditDatabase } from "./schema.ts";

export interface RetentionCut {
  /** Rows deleted. */
  deleted: number;
  /** The newest deleted seq (the new anchor), or null when nothing was old enough. */
  throughSeq: number | null;
}

/**
 * Deletes the rows recorded before `cutoff`, as a prefix of the chain (every seq up to the newest old row, so the kept
 * rows still form one chain), and in the same transaction moves the anchor to the last deleted row's seq and hash —
 * verify starts there — and appends an `audit.retention` row saying what was cut. The DELETE passes audit_log's
 * append-only trigger only through the transaction-local `pregao.audit_retention` flag.
 */
export async function applyRetention(
  db: Kysely<AuditDatabase>,
  cutoff: Date,
  now: Date = new Date(),
): Promise<RetentionCut> {
  return db.transaction().execute(async (trx) => {
    // Lock the head first: appends and other instances' retention runs wait, so the prefix cannot move.
    await trx.selectFrom("audit_chain").select("seq").where("id", "=", 1).forUpdate().execute();
    const last = await trx
      .selectFrom("audit_log")
      .select(["seq", "hash"])
      .where("at", "<", cutoff)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    if (!last) return { deleted: 0, throughSeq: null };
    await sql`select set_config('pregao.audit_retention', 'on', true)`.execute(trx);
    const res = await trx.deleteFrom("audit_log").where("seq", "<=", String(last.seq)).executeTakeFirst();
    await sql`select set_config('pregao.audit_retention', 'off', true)`.execute(trx);
    const throughSeq = Number(last.seq);
    const deleted = Number(res.numDeletedRows);
    await trx
      .updateTable("audit_chain")
      .set({ anchor_seq: String(throughSeq), anchor_hash: last.hash })
      .where("id", "=", 1)
      .execute();
    const record = {
      event: "audit.retention",
      outcome: "info",
      reason: `rows recorded before ${cutoff.toISOString()} deleted (retention)`,
      details: { deleted, throughSeq, anchorHash: last.hash, cutoff: cutoff.toISOString() },
    };
    await appendInTransaction(trx, [toPendingRow(record, now)]);
    return { deleted, throughSeq };
  });
}
