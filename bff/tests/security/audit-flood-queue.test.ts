import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createAuditSink } from "../../src/security/audit.ts";

type Line = Record<string, unknown> & { aggregate?: { count: number } };
const tempFile = () => join(mkdtempSync(join(tmpdir(), "audit-q-")), "audit.jsonl");
const readLines = (file: string): Line[] =>
  readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Line);
const login = (i: number) => ({
  type: "login.success",
  user: `user-${i}`,
  ip: "10.0.0.1",
  password: "hunter2",
});

describe("the real audit sink: asynchronous, bounded, loses nothing it accepted", () => {
  it("record() returns without writing; close() drains every accepted record to the file", async () => {
    const file = tempFile();
    const sink = createAuditSink(file, { queueMax: 50_000 });
    for (let i = 0; i < 20_000; i++) sink.record(login(i));
    expect(sink.stats().depth).toBe(20_000); // queued, not written on the caller's turn
    await sink.close();
    const lines = readLines(file);
    expect(lines).toHaveLength(20_000);
    expect(new Set(lines.map((l) => (l.user as { username: string }).username)).size).toBe(20_000);
    expect(readFileSync(file, "utf8")).not.toContain("hunter2"); // redaction still applies
  });

  it("a full queue counts the rest into one aggregate line per event type instead of dropping them", async () => {
    const file = tempFile();
    const sink = createAuditSink(file, { queueMax: 100 });
    for (let i = 0; i < 5_000; i++) sink.record(login(i));
    sink.record({ type: "logout", user: "late" });
    await sink.close();
    const lines = readLines(file);
    expect(lines).toHaveLength(102); // 100 queued + one aggregate per type
    const agg = lines.filter((l) => l.aggregate);
    expect(agg.map((l) => [l.event, l.aggregate?.count])).toEqual([
      ["login.success", 4_900],
      ["logout", 1],
    ]);
    expect(agg[0]!.summary).toMatch(/audit queue full/);
    expect(statSync(file).size).toBeLessThan(100 * 400);
  });

  it("drains on its own between event-loop turns (no close needed)", async () => {
    const file = tempFile();
    const sink = createAuditSink(file);
    for (let i = 0; i < 1_000; i++) sink.record(login(i));
    for (let t = 0; t < 200 && sink.stats().depth > 0; t++) await new Promise((r) => setTimeout(r, 5));
    expect(sink.stats().depth).toBe(0);
    await sink.close();
    expect(readLines(file)).toHaveLength(1_000);
  });
});
