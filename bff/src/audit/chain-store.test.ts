import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendRows } from "./chain-store.ts";
import { auditPage, countUpTo } from "./query.ts";
import { applyRetention } from "./retention.ts";
import { toPendingRow } from "./row.ts";
import type { PendingAuditRow } from "./schema.ts";
import { openAuditTestDb, type AuditTestDb } from "./test-db.ts";
import { verifyAuditChain } from "./verify.ts";

const row = (event: string, extra: Record<string, unknown> = {}, at = new Date()): PendingAuditRow =>
  toPendingRow({ event, outcome: "success", user: { username: "trader", id: "u1" }, ...extra }, at);

for (const kind of ["pglite", "postgres"] as const) {
  describe(`audit chain store (${kind})`, () => {
    let t: AuditTestDb;
    beforeAll(async () => {
      t = await openAuditTestDb(kind);
    }, 90_000); // PGlite's WASM start takes seconds, tens on a loaded machine
    afterAll(() => t.close());

    it("numbers rows from 1, links each to the previous hash, and verifies", async () => {
      const res = await appendRows(t.db, [row("login.success"), row("order.submit.success")]);
      expect(res).toEqual({ inserted: 2, skipped: 0, headSeq: 2 });
      await appendRows(t.db, [row("logout")]);
      const v = await verifyAuditChain(t.db);
      expect(v).toMatchObject({ ok: true, count: 3, firstSeq: 1, headSeq: 3 });
      const rows = await t.db.selectFrom("audit_log").selectAll().orderBy("seq").execute();
      expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
      expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    });

    it("skips rows whose id is already stored (a replay after a crash mid-batch is idempotent)", async () => {
      const a = row("order.cancel.success");
      const b = row("order.cancel.success");
      await appendRows(t.db, [a]);
      const res = await appendRows(t.db, [a, b, b]);
      expect(res.inserted).toBe(1);
      expect(res.skipped).toBe(2);
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    });

    it("refuses UPDATE, DELETE and TRUNCATE (append-only trigger)", async () => {
      await expect(sql`update audit_log set reason = 'edited' where seq = 1`.execute(t.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_log`.execute(t.db)).rejects.toThrow(/append-only/);
    });

    it("pages newest first by seq with every filter, and counts up to a cap", async () => {
      const at = new Date("2026-12-04T12:00:00.000Z");
      await appendRows(t.db, [
        row("order.submit.success", { details: { asset: "VALE3:B", orderId: "o-1" } }, at),
        row("order_x.odd", {}, at),
        row("order.cancel.denied", { outcome: "denied", details: { asset: "VALE3:B", orderId: "o-1" } }, at),
        toPendingRow({ event: "login.success", outcome: "success", user: { username: "risk" } }, at),
      ]);
      const p1 = await auditPage(t.db, { asset: "VALE3:B", limit: 1 });
      expect(p1.entries.map((e) => e.event)).toEqual(["order.cancel.denied"]);
      expect(p1.entries[0]).toMatchObject({
        asset: "VALE3:B",
        orderId: "o-1",
        user: "trader",
        outcome: "denied",
      });
      const p2 = await auditPage(t.db, { asset: "VALE3:B", limit: 1, before: p1.nextCursor! });
      expect(p2.entries.map((e) => e.event)).toEqual(["order.submit.success"]);
      expect(p2.nextCursor).toBeNull();
      // `order_` is a literal prefix, not a LIKE pattern
      const under = await auditPage(t.db, { action: "order_", limit: 10 });
      expect(under.entries.map((e) => e.event)).toEqual(["order_x.odd"]);
      expect((await auditPage(t.db, { action: "order.", orderId: "o-1", limit: 10 })).entries).toHaveLength(
        2,
      );
      expect((await auditPage(t.db, { user: "risk", limit: 10 })).entries).toHaveLength(1);
      const window = { from: "2026-12-04T12:00:00.000Z", to: "2026-12-04T12:00:00.001Z", limit: 10 };
      expect((await auditPage(t.db, window)).entries).toHaveLength(4);
      expect(await countUpTo(t.db, { from: window.from }, 3)).toBe(3);
    });

    it("serialises concurrent appenders on the chain head: no fork", async () => {
      const writers = Array.from({ length: 8 }, (_, w) =>
        (async () => {
          for (let i = 0; i < 5; i++) await appendRows(t.db, [row(`w${w}.${i}`), row(`w${w}.${i}b`)]);
        })(),
      );
      await Promise.all(writers);
      expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    });
  });
}

describe("tampering and retention (postgres)", () => {
  let t: AuditTestDb;
  beforeAll(async () => {
    t = await openAuditTestDb("postgres");
    for (let i = 0; i < 4; i++)
      await appendRows(t.db, [row(`e${i}`, {}, new Date(Date.UTC(2026, 0, 1 + i)))]);
  }, 60_000);
  afterAll(() => t.close());

  /** A superuser's edit: the trigger switched off for this session only (session_replication_role = replica). */
  const bypass = async (statement: ReturnType<typeof sql>) =>
    t.db.connection().execute(async (c) => {
      await sql`set session_replication_role = replica`.execute(c);
      try {
        await statement.execute(c);
      } finally {
        await sql`set session_replication_role = origin`.execute(c);
      }
    });

  it("names the seq of an edited row", async () => {
    await bypass(sql`update audit_log set reason = 'nothing to see' where seq = 2`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenSeq: 2, reason: /content/ });
    await bypass(sql`update audit_log set reason = null where seq = 2`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: 4 });
  });

  it("names a deleted row in the middle and a deleted tail", async () => {
    const saved = await t.db.selectFrom("audit_log").selectAll().where("seq", "in", ["3", "4"]).execute();
    await bypass(sql`delete from audit_log where seq = 3`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenSeq: 3 });
    await bypass(sql`delete from audit_log where seq = 4`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenSeq: 3, reason: /missing/ });
    await t.db.insertInto("audit_log").values(saved).execute();
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it("cuts a prefix older than the cutoff, anchors it, records the cut, and still verifies", async () => {
    const cut = await applyRetention(t.db, new Date(Date.UTC(2026, 0, 3)));
    expect(cut).toEqual({ deleted: 2, throughSeq: 2 });
    const v = await verifyAuditChain(t.db);
    expect(v).toMatchObject({ ok: true, count: 3, firstSeq: 3, anchorSeq: 2, headSeq: 5 });
    const last = (await auditPage(t.db, { limit: 1 })).entries[0]!;
    expect(last).toMatchObject({ event: "audit.retention", details: { deleted: 2, throughSeq: 2 } });
    expect(await applyRetention(t.db, new Date(Date.UTC(2026, 0, 3)))).toEqual({
      deleted: 0,
      throughSeq: null,
    });
    // the kept chain's first row no longer links to a kept row: deleting it shows
    await bypass(sql`delete from audit_log where seq = 3`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: false, brokenSeq: 3 });
  });
});
