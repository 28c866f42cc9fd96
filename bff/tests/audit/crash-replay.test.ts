import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendRows } from "../../src/audit/chain-store.ts";
import { toPendingRow } from "../../src/audit/row.ts";
import { AuditSpool } from "../../src/audit/spool.ts";
import { openAuditTestDb, type AuditTestDb } from "../../src/audit/test-db.ts";
import { verifyAuditChain } from "../../src/audit/verify.ts";
import { AuditWriter } from "../../src/audit/writer.ts";
import { silentLogger } from "../../src/lib/logger.ts";

/**
 * A BFF killed while replaying: some spooled rows were committed, the spool was not yet emptied. The next start
 * replays the whole spool; the stored rows are skipped by id, the rest follow in order, then new rows.
 */
describe("restart after a crash mid-replay (real PostgreSQL)", () => {
  let t: AuditTestDb;
  beforeAll(async () => {
    t = await openAuditTestDb("postgres");
  }, 60_000);
  afterAll(() => t.close());

  it("stores every spooled row once, in order, before the new ones; the chain verifies", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "pregao-audit-crash-")), "spool.jsonl");
    const rows = Array.from({ length: 10 }, (_, i) =>
      toPendingRow({ event: `spooled.${i}`, outcome: "info" }),
    );
    const before = new AuditSpool(file, 1 << 20);
    await before.open();
    await before.append(rows);
    await before.close();
    await appendRows(t.db, rows.slice(0, 6)); // committed by the run that then died
    const writer = new AuditWriter(
      (batch) => appendRows(t.db, batch),
      new AuditSpool(file, 1 << 20),
      { batchMax: 4, queueMax: 100, writeTimeoutMs: 5000, retryMs: [10, 50] },
      silentLogger,
    );
    await writer.start();
    writer.append({ event: "new.0", outcome: "info" });
    writer.append({ event: "new.1", outcome: "info" });
    const end = Date.now() + 10_000;
    while (writer.stats().mode !== "direct" || writer.stats().queueDepth > 0) {
      if (Date.now() > end) throw new Error("replay did not finish");
      await new Promise((r) => setTimeout(r, 20));
    }
    await writer.idle();
    await writer.close();
    const stored = await t.db.selectFrom("audit_log").select(["event"]).orderBy("seq").execute();
    expect(stored.map((r) => r.event)).toEqual([...rows.map((r) => r.event), "new.0", "new.1"]);
    // 4 spooled rows were new to the database, and the 2 new rows queued behind them in the spool
    expect(writer.stats()).toMatchObject({ replayed: 6, written: 0, spoolBytes: 0 });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: 12 });
  });
});
