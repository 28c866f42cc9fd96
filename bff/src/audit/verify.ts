import type { Kysely, Transaction } from "kysely";
import { connectPostgres } from "../db/connect.ts";
import { silentLogger } from "../lib/logger.ts";
import { chainHash } from "./canonical.ts";
import { toEntry } from "./query.ts";
import type { AuditDatabase, PendingAuditRow } from "./schema.ts";

export type VerifyResult =
  | {
      ok: true;
      /** Rows checked. */
      count: number;
      /** The chain's first kept row and its head (0 when empty). */
      firstSeq: number;
      headSeq: number;
      /** Rows removed by retention before `firstSeq` (the anchor). */
      anchorSeq: number;
    }
  | {
      ok: false;
      count: number;
      /** The first seq that does not verify (or the head's seq when the tail is missing). */
      brokenSeq: number;
      reason: string;
    };

const BATCH = 5000;

/**
 * Walks the whole chain, oldest first: from the retention anchor (or genesis), each row must be the next seq, link to
 * the previous row's hash, and hash to its own `hash`; the last row must be the head that writers locked. Any edit,
 * insertion or deletion — in the middle, at the start past the anchor, or at the end — names the first seq it broke.
 */
export async function verifyAuditChain(db: Kysely<AuditDatabase>): Promise<VerifyResult> {
  // One snapshot for the whole walk: rows appended or cut by retention meanwhile are not a break.
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute((trx) => walk(trx));
}

async function walk(db: Transaction<AuditDatabase>): Promise<VerifyResult> {
  const head = await db.selectFrom("audit_chain").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  const anchorSeq = Number(head.anchor_seq);
  let seq = anchorSeq;
  let prev = head.anchor_hash;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", String(seq))
      .orderBy("seq", "asc")
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      const e = toEntry(r);
      const broken = (reason: string): VerifyResult => ({ ok: false, count, brokenSeq: e.seq, reason });
      if (e.seq !== seq + 1)
        return { ok: false, count, brokenSeq: seq + 1, reason: `row ${seq + 1} is missing` };
      if (r.prev_hash !== prev) return broken("prev_hash does not match the previous row's hash");
      const row: PendingAuditRow = { ...e, id: r.id };
      if (chainHash(prev, row, e.seq) !== r.hash) return broken("the row's content does not match its hash");
      seq = e.seq;
      prev = r.hash;
      count++;
    }
    if (rows.length < BATCH) break;
  }
  const headSeq = Number(head.seq);
  if (seq !== headSeq || prev !== head.hash)
    return {
      ok: false,
      count,
      brokenSeq: seq < headSeq ? seq + 1 : headSeq,
      reason:
        seq < headSeq
          ? `rows ${seq + 1}..${headSeq} are missing`
          : "the chain head does not match the last row",
    };
  return { ok: true, count, firstSeq: count > 0 ? anchorSeq + 1 : 0, headSeq, anchorSeq };
}

/**
 * Verifies the chain in the PostgreSQL database at `url` (a backup restored elsewhere, a replica): opens a one-off
 * connection, walks the chain, closes it.
 */
export async function verifyAuditChainAt(url: string): Promise<VerifyResult> {
  const conn = connectPostgres(url, {
    poolMax: 1,
    connectTimeoutMs: 5000,
    role: "verify",
    logger: silentLogger,
  });
  try {
    return await verifyAuditChain(conn.db as Kysely<AuditDatabase>);
  } finally {
    await conn.close();
  }
}
