import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The audit trail's tables (issue 12). `audit_log` is append-only: a trigger refuses UPDATE and TRUNCATE always, and
 * DELETE unless the transaction has set `pregao.audit_retention = 'on'` (only the retention job does, retention.ts).
 * A trigger rather than REVOKE: the BFF runs as one role that owns its tables (and PGlite has no roles at all), so a
 * REVOKE would bind nobody; the trigger binds every connection that does not drop it, and the hash chain catches the
 * rest — whoever can drop the trigger still cannot edit a row without `pnpm audit:verify` naming its seq.
 *
 * `audit_chain` is the chain's single head row (seq and hash of the newest row, and the retention anchor: the seq and
 * hash of the newest deleted row). Writers lock it FOR UPDATE, so two BFF instances append one after the other and
 * the chain never forks.
 */
export const auditMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("audit_log")
      .addColumn("seq", "bigint", (c) => c.primaryKey())
      // Client-generated: a spool replayed after a crash mid-batch skips the rows already stored.
      .addColumn("id", "uuid", (c) => c.notNull().unique())
      .addColumn("at", "timestamptz", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("outcome", "text", (c) =>
        c.notNull().check(sql`outcome in ('success', 'failure', 'denied', 'info')`),
      )
      .addColumn("user", "text")
      .addColumn("ip", "text")
      .addColumn("request_id", "text")
      .addColumn("asset", "text")
      .addColumn("order_id", "text")
      .addColumn("reason", "text")
      .addColumn("details", "jsonb")
      .addColumn("prev_hash", "text", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull())
      .execute();
    // Newest-first keyset pages per filter: each index ends in seq so `ORDER BY seq DESC LIMIT n` walks it.
    await sql`create index audit_log_user_seq on audit_log ("user", seq desc)`.execute(db);
    await sql`create index audit_log_event_prefix on audit_log (event text_pattern_ops)`.execute(db);
    await sql`create index audit_log_at on audit_log (at)`.execute(db);
    await sql`create index audit_log_asset_seq on audit_log (asset, seq desc)`.execute(db);
    await sql`create index audit_log_order_seq on audit_log (order_id, seq desc)`.execute(db);
    await sql`
      create table audit_chain (
        id smallint primary key check (id = 1),
        seq bigint not null,
        hash text not null,
        anchor_seq bigint not null default 0,
        anchor_hash text not null
      )`.execute(db);
    await sql`insert into audit_chain (id, seq, hash, anchor_hash) values (1, 0, ${GENESIS}, ${GENESIS})`.execute(
      db,
    );
    await sql`
      create function audit_log_append_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' and current_setting('pregao.audit_retention', true) = 'on' then
          return old;
        end if;
        raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$`.execute(db);
    await sql`
      create trigger audit_log_no_change before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
    await sql`
      create trigger audit_log_no_truncate before truncate on audit_log
      for each statement execute function audit_log_append_only()`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop table if exists audit_log`.execute(db);
    await sql`drop table if exists audit_chain`.execute(db);
    await sql`drop function if exists audit_log_append_only()`.execute(db);
  },
};

/** The `prev_hash` of the first row ever written: 64 zeros. */
export const GENESIS = "0".repeat(64);
