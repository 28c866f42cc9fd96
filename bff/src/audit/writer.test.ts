import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../lib/logger.ts";
import type { AppendResult } from "./chain-store.ts";
import type { PendingAuditRow } from "./schema.ts";
import { AuditSpool } from "./spool.ts";
import { AuditWriter } from "./writer.ts";

/** A database that can be switched off; stores rows by id like the chain (a replayed id is skipped). */
class FakeStore {
  up = true;
  rows: PendingAuditRow[] = [];
  private ids = new Set<string>();
  append = async (batch: readonly PendingAuditRow[]): Promise<AppendResult> => {
    await new Promise((r) => setImmediate(r));
    if (!this.up) throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    if (batch.some((r) => r.event === "poison"))
      throw Object.assign(new Error("invalid input syntax"), { code: "22P02" });
    let inserted = 0;
    for (const r of batch)
      if (!this.ids.has(r.id)) {
        this.ids.add(r.id);
        this.rows.push(r);
        inserted++;
      }
    return { inserted, skipped: batch.length - inserted, headSeq: this.rows.length };
  };
}

const opts = { batchMax: 50, queueMax: 1000, writeTimeoutMs: 1000, retryMs: [10, 40] as const };
const spoolFile = () => join(mkdtempSync(join(tmpdir(), "audit-writer-")), "spool.jsonl");
const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe("AuditWriter", () => {
  it("spools while the store is down and replays in order, each row once, before newer rows", async () => {
    const store = new FakeStore();
    const w = new AuditWriter(store.append, new AuditSpool(spoolFile(), 1 << 20), opts, silentLogger);
    await w.start();
    for (let i = 0; i < 10; i++) w.append({ event: `e${i}`, outcome: "info" });
    await w.idle();
    store.up = false;
    for (let i = 10; i < 200; i++) w.append({ event: `e${i}`, outcome: "info" });
    await until(() => w.stats().spooled >= 190);
    expect(w.stats().mode).toBe("spooling");
    store.up = true;
    for (let i = 200; i < 220; i++) w.append({ event: `e${i}`, outcome: "info" });
    await until(() => store.rows.length === 220);
    await w.idle();
    expect(store.rows.map((r) => r.event)).toEqual(Array.from({ length: 220 }, (_, i) => `e${i}`));
    expect(w.stats()).toMatchObject({ mode: "direct", spoolBytes: 0, written: 10 });
    await w.close();
  });

  it("replays a spool left by an earlier run before anything new; a repeat of stored rows is skipped", async () => {
    const file = spoolFile();
    const store = new FakeStore();
    store.up = false;
    const first = new AuditWriter(store.append, new AuditSpool(file, 1 << 20), opts, silentLogger);
    await first.start();
    for (let i = 0; i < 5; i++) first.append({ event: `old${i}`, outcome: "info" });
    await first.close(); // the database never came back: everything is in the spool
    store.up = true;
    await store.append([]); // no-op
    const second = new AuditWriter(store.append, new AuditSpool(file, 1 << 20), opts, silentLogger);
    await second.start();
    second.append({ event: "new", outcome: "info" });
    await until(() => store.rows.length === 6);
    expect(store.rows.map((r) => r.event)).toEqual(["old0", "old1", "old2", "old3", "old4", "new"]);
    await second.close();
  });

  it("counts rows it cannot keep (spool full) and records the gap in the trail once rows flow again", async () => {
    const store = new FakeStore();
    store.up = false;
    const w = new AuditWriter(store.append, new AuditSpool(spoolFile(), 2000), opts, silentLogger);
    await w.start();
    for (let i = 0; i < 40; i++) w.append({ event: `e${i}`, outcome: "info" });
    await until(() => w.stats().dropped.spool_full > 0);
    const { spooled, dropped } = w.stats();
    expect(spooled + dropped.spool_full).toBe(40);
    store.up = true;
    await until(() => store.rows.some((r) => r.event === "audit.rows_lost"));
    const marker = store.rows.find((r) => r.event === "audit.rows_lost")!;
    expect(marker.details).toMatchObject({
      count: dropped.spool_full,
      byReason: { spool_full: dropped.spool_full },
    });
    expect(store.rows.filter((r) => r.event !== "audit.rows_lost")).toHaveLength(spooled);
    await w.close();
  });

  it("drops only the row the database refuses as data, live and on replay, and records the loss in the trail", async () => {
    const store = new FakeStore();
    const w = new AuditWriter(store.append, new AuditSpool(spoolFile(), 1 << 20), opts, silentLogger);
    await w.start();
    for (const e of ["a", "poison", "b"]) w.append({ event: e, outcome: "info" });
    await until(() => store.rows.length >= 3);
    store.up = false;
    for (const e of ["c", "poison", "d"]) w.append({ event: e, outcome: "info" });
    await until(() => w.stats().spooled === 3);
    store.up = true;
    await until(() => store.rows.length === 6 && w.stats().mode === "direct");
    await w.idle();
    expect(store.rows.map((r) => r.event)).toEqual([
      "a",
      "b",
      "audit.rows_lost",
      "c",
      "d",
      "audit.rows_lost",
    ]);
    expect(w.stats().dropped.refused).toBe(2);
    await w.close();
  });
});
