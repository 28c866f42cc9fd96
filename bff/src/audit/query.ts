import type { AuditEntry, AuditFilter, AuditPage, AuditQuery } from "@pregao/contracts";
import type { Kysely, Selectable } from "kysely";
import type { AuditDatabase } from "./schema.ts";

type Row = Selectable<AuditDatabase["audit_log"]>;

/** LIKE's wildcards in a user's text match themselves: `order_` is a prefix, not a pattern. */
const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

const iso = (v: Date | string) => (v instanceof Date ? v : new Date(v)).toISOString();

/** A stored row as the API serves it. */
export function toEntry(r: Row): AuditEntry {
  return {
    seq: Number(r.seq),
    at: iso(r.at),
    event: r.event,
    outcome: r.outcome,
    user: r.user,
    ip: r.ip,
    requestId: r.request_id,
    asset: r.asset,
    orderId: r.order_id,
    reason: r.reason,
    details: (r.details as Record<string, unknown> | null) ?? null,
    hash: r.hash,
  };
}

/** The filtered rows (every filter optional, combined with AND; indexes in migration.ts). */
function filtered(db: Kysely<AuditDatabase>, f: AuditFilter) {
  let q = db.selectFrom("audit_log").selectAll();
  if (f.user) q = q.where("user", "=", f.user);
  if (f.action) q = q.where("event", "like", likePrefix(f.action));
  if (f.from) q = q.where("at", ">=", new Date(f.from));
  if (f.to) q = q.where("at", "<", new Date(f.to));
  if (f.asset) q = q.where("asset", "=", f.asset);
  if (f.orderId) q = q.where("order_id", "=", f.orderId);
  return q;
}

/** One page, newest first, keyed on seq: rows below `before`, and the cursor of the next (older) page. */
export async function auditPage(db: Kysely<AuditDatabase>, query: AuditQuery): Promise<AuditPage> {
  let q = filtered(db, query);
  if (query.before !== undefined) q = q.where("seq", "<", String(query.before));
  const rows = await q
    .orderBy("seq", "desc")
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const entries = rows.slice(0, query.limit).map(toEntry);
  return { entries, nextCursor: more ? (entries.at(-1)?.seq ?? null) : null };
}

/** How many rows match, counting no further than `cap` (an export's size check without a full count). */
export async function countUpTo(db: Kysely<AuditDatabase>, f: AuditFilter, cap: number): Promise<number> {
  const sub = filtered(db, f).clearSelect().select("seq").limit(cap).as("m");
  const row = await db
    .selectFrom(sub)
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
