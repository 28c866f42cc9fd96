import { appendFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toPendingRow } from "./row.ts";
import { AuditSpool, AuditSpoolLockedError } from "./spool.ts";

const file = () => join(mkdtempSync(join(tmpdir(), "audit-spool-")), "nested", "spool.jsonl");
const rows = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => toPendingRow({ event: `e${from + i}`, outcome: "info" }));

describe("audit spool", () => {
  it("appends durably, reads back in order from an offset, and empties only when told", async () => {
    const path = file();
    const spool = new AuditSpool(path, 1 << 20);
    await spool.open();
    expect(await spool.append(rows(3))).toBe(3);
    expect(await spool.append(rows(2, 3))).toBe(2);
    const first = await spool.read(4);
    expect(first.rows.map((r) => r.event)).toEqual(["e0", "e1", "e2", "e3"]);
    spool.commit(first.next);
    const rest = await spool.read(4);
    expect(rest.rows.map((r) => r.event)).toEqual(["e4"]);
    spool.commit(rest.next);
    expect(spool.empty).toBe(true);
    expect(statSync(path).size).toBeGreaterThan(0); // nothing is removed until reset()
    await spool.reset();
    expect(statSync(path).size).toBe(0);
    await spool.close();
  });

  it("takes only what fits under maxBytes and says how many", async () => {
    const one = JSON.stringify(rows(1)[0]).length + 1;
    const spool = new AuditSpool(file(), one * 2 + 10);
    await spool.open();
    expect(await spool.append(rows(5))).toBe(2);
    expect(await spool.append(rows(1))).toBe(0);
    await spool.close();
  });

  it("after a crash: cuts a torn last line, skips unreadable lines, replays the rest from the start", async () => {
    const path = file();
    const a = new AuditSpool(path, 1 << 20);
    await a.open();
    await a.append(rows(2));
    await a.close();
    appendFileSync(path, "not json\n");
    appendFileSync(path, `${JSON.stringify(rows(1, 2)[0])}\n`);
    appendFileSync(path, '{"id":"torn'); // the process died here
    const b = new AuditSpool(path, 1 << 20);
    await b.open();
    expect(b.tornBytes).toBe('{"id":"torn'.length);
    expect(readFileSync(path, "utf8").endsWith("\n")).toBe(true);
    const read = await b.read(10);
    expect(read.rows.map((r) => r.event)).toEqual(["e0", "e1", "e2"]);
    expect(read.bad).toBe(1);
    await b.close();
  });

  it("refuses a spool another live process holds; takes over one whose holder is gone; frees it on close", async () => {
    const path = file();
    const spool = new AuditSpool(path, 1 << 20);
    await spool.open();
    await spool.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
    writeFileSync(`${path}.lock`, String(process.ppid)); // the test runner's parent: alive
    await expect(new AuditSpool(path, 1 << 20).open()).rejects.toBeInstanceOf(AuditSpoolLockedError);
    writeFileSync(`${path}.lock`, "999999999"); // no such process
    const again = new AuditSpool(path, 1 << 20);
    await again.open();
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(String(process.pid));
    await again.close();
  });
});
