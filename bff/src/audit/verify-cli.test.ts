import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseConfig } from "../db/test-config.ts";
import { appendRows } from "./chain-store.ts";
import { toPendingRow } from "./row.ts";
import { openAuditTestDb, type AuditTestDb } from "./test-db.ts";
import { verifyAuditChainAt } from "./verify.ts";
import { runVerifyCli } from "./verify-cli.ts";

const capture = () => {
  let text = "";
  return {
    write: (s: string) => (text += s),
    get text() {
      return text;
    },
  };
};

describe("pnpm audit:verify", () => {
  let t: AuditTestDb;
  beforeAll(async () => {
    t = await openAuditTestDb("postgres");
    await appendRows(
      t.db,
      [0, 1, 2].map((i) => toPendingRow({ event: `e${i}`, outcome: "info" })),
    );
  }, 60_000);
  afterAll(() => t.close());

  it("prints OK with the count and exits 0; after an edit prints the broken seq and exits 1", async () => {
    const config = {
      ...testDatabaseConfig({ DATABASE_URL: t.url! }),
      AUDIT_SPOOL_FILE: "/nonexistent/spool.jsonl",
    };
    const out = capture();
    expect(await runVerifyCli(config, out, capture())).toBe(0);
    expect(out.text).toMatch(/audit chain OK: 3 rows, seq 1\.\.3/);
    await t.db.connection().execute(async (c) => {
      await sql`set session_replication_role = replica`.execute(c);
      await sql`update audit_log set event = 'e9' where seq = 2`.execute(c);
      await sql`set session_replication_role = origin`.execute(c);
    });
    const err = capture();
    expect(await runVerifyCli(config, capture(), err)).toBe(1);
    expect(err.text).toMatch(/BROKEN at seq 2/);
    expect(await verifyAuditChainAt(t.url!)).toMatchObject({ ok: false, brokenSeq: 2 });
  });

  it("exits 2 when there is nothing to check", async () => {
    const err = capture();
    const config = testDatabaseConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:9/none" });
    expect(
      await runVerifyCli({ ...config, AUDIT_SPOOL_FILE: "/nonexistent/spool.jsonl" }, capture(), err),
    ).toBe(2);
    expect(err.text).toMatch(/could not be checked/);
    // PGlite while a BFF holds it (its spool lock names a live process: here the test runner's parent)
    const dir = mkdtempSync(join(tmpdir(), "pregao-verify-"));
    writeFileSync(join(dir, "spool.jsonl.lock"), String(process.ppid));
    const busy = capture();
    const pglite = {
      ...testDatabaseConfig({ WORKSPACE_DATA_DIR: join(dir, "pglite") }),
      AUDIT_SPOOL_FILE: join(dir, "spool.jsonl"),
    };
    expect(await runVerifyCli(pglite, capture(), busy)).toBe(2);
    expect(busy.text).toMatch(/BFF \(pid \d+\) has the PGlite directory open/);
  });
});
