import { chmod, copyFile, mkdtemp, open, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { appendRows } from "../../src/audit/chain-store.ts";
import { toPendingRow } from "../../src/audit/row.ts";
import type { AuditDatabase } from "../../src/audit/schema.ts";
import { verifyAuditChain } from "../../src/audit/verify.ts";
import { createBackup } from "../../src/backup/backup.ts";
import { listGoodBackups } from "../../src/backup/catalog.ts";
import { sha256File, sidecarOf, sidecarText } from "../../src/backup/checksum.ts";
import { tableRowCounts, userObjects, withClient } from "../../src/backup/database-inspect.ts";
import { restoreBackup } from "../../src/backup/restore.ts";
import { runBackupCli } from "../../src/backup/cli.ts";
import { migrateToLatest } from "../../src/db/migrations.ts";
import { createTestDatabase, TEST_PG_ADMIN_URL } from "../../src/workspace/pg-test-db.ts";

/**
 * Backup → destroy → restore against the real PostgreSQL: the database is migrated to the real schema and seeded,
 * dumped with `createBackup` (what `pnpm db:backup` runs), DROPPED, created again empty under the same name (what an
 * operator does after losing it: DATABASE_URL stays) and restored with `restoreBackup`; then every table must hold
 * the same rows, row for row, and the audit trail's hash chain must verify end to end.
 */

type Db = { url: string; name: string; drop(): Promise<void> };
let dir: string;
const dbs: Db[] = [];

async function freshDatabase(): Promise<Db> {
  const t = await createTestDatabase();
  const db = { ...t, name: new URL(t.url).pathname.slice(1) };
  dbs.push(db);
  return db;
}

async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** Every table's rows, ordered by all columns, as JSON text: two databases with equal snapshots hold the same data. */
async function snapshot(url: string): Promise<Record<string, string[]>> {
  return withClient(url, async (c) => {
    const out: Record<string, string[]> = {};
    for (const table of Object.keys(await tableRowCounts(c))) {
      const [schema, name] = table.split(".") as [string, string];
      const ident = `${c.escapeIdentifier(schema)}.${c.escapeIdentifier(name)}`;
      const { rows } = await c.query<{ r: string }>(
        `SELECT to_jsonb(t)::text AS r FROM ${ident} t ORDER BY 1`,
      );
      out[table] = rows.map((r) => r.r);
    }
    return out;
  });
}

const AUDIT_ROWS = 120;
const kysely = <T>(url: string) =>
  new Kysely<T>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) });

/** The real schema (every migration), `users` workspaces whose documents exercise jsonb and text, an audit trail. */
async function seed(url: string, users: number): Promise<void> {
  const db = kysely<Record<string, Record<string, unknown>>>(url);
  try {
    await migrateToLatest(db as Kysely<unknown>);
    for (let batch = 0; batch < AUDIT_ROWS / 40; batch++)
      await appendRows(
        db as unknown as Kysely<AuditDatabase>,
        Array.from({ length: 40 }, (_, i) =>
          toPendingRow({
            event: i % 3 === 0 ? "order.submit" : "login.success",
            outcome: "success",
            user: { id: `u-${i}`, username: `trader${i}` },
            ip: "10.0.0.7",
            requestId: `req-${batch}-${i}`,
            details: { asset: "PETR4:B", orderId: `ord-${batch}-${i}`, note: 'ação "x"' },
          }),
        ),
      );
    for (let i = 0; i < users; i++) {
      const document = {
        version: 2,
        layout: { panels: ["watchlist", "order-book"], sizes: [i, 100 - i] },
        watchlist: ["PETR4:B", "VALE3:B", `WIN${i}:F`],
        note: `ação ${i} — "quoted" \\ back\nslash`,
      };
      await db
        .insertInto("workspaces")
        .values({
          user_id: `user-${i}`,
          revision: 1 + (i % 7),
          schema_version: 2,
          document: sql`cast(${JSON.stringify(document)} as jsonb)`,
          updated_at: sql`now() - make_interval(mins => ${i})`,
        })
        .execute();
    }
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "pregao-backup-it-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((d) => d.drop()));
});

describe("backup, destroy, restore (real PostgreSQL)", { timeout: 60_000 }, () => {
  let source: Db;
  beforeEach(async () => {
    source = await freshDatabase();
    await seed(source.url, 40);
  });

  it("brings back every row of every table after the database is dropped", async () => {
    const before = await snapshot(source.url);
    expect(before["public.workspaces"]).toHaveLength(40);
    const backup = await createBackup({ databaseUrl: source.url, dir, keep: 5 });
    expect(backup.file).toMatch(new RegExp(`/pregao-${source.name}-[0-9T-]+Z\\.dump$`));
    expect((await stat(backup.file)).mode & 0o777).toBe(0o600); // password hashes and the audit trail inside

    await admin(`DROP DATABASE ${source.name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${source.name}`);
    expect(await withClient(source.url, userObjects)).toEqual([]);

    const restored = await restoreBackup({ file: backup.file, targetUrl: source.url });
    expect(restored.sha256).toBe(backup.sha256);
    expect(restored.counts["public.workspaces"]).toBe(40);
    expect(restored.counts["public.audit_log"]).toBe(AUDIT_ROWS);
    expect(restored.counts).toEqual(
      Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length])),
    );
    expect(await snapshot(source.url)).toEqual(before);
    const audit = kysely<AuditDatabase>(source.url);
    try {
      expect(await verifyAuditChain(audit)).toEqual({
        ok: true,
        count: AUDIT_ROWS,
        firstSeq: 1,
        headSeq: AUDIT_ROWS,
        anchorSeq: 0,
      });
      // The restored trail is still append-only (the trigger came back with the table) and still detects an edit.
      await expect(sql`update audit_log set reason = 'x' where seq = 7`.execute(audit)).rejects.toThrow(
        /append-only/,
      );
      await sql`alter table audit_log disable trigger audit_log_no_change`.execute(audit);
      await sql`update audit_log set reason = 'edited' where seq = 7`.execute(audit);
      expect(await verifyAuditChain(audit)).toMatchObject({ ok: false, brokenSeq: 7 });
    } finally {
      await audit.destroy();
    }
  });

  it("works through the command line: db:backup --json, then db:restore --target prints every table's rows", async () => {
    const sub = await mkdtemp(join(dir, "cli-"));
    const out = new PassThrough();
    const err = new PassThrough();
    const config = { DATABASE_URL: source.url, BACKUP_DIR: sub, BACKUP_KEEP: 3 };
    expect(await runBackupCli(["backup", "--json"], { stdout: out, stderr: err, config })).toBe(0);
    const made = JSON.parse(String(out.read())) as { file: string; sha256: string; deleted: string[] };
    expect(made).toMatchObject({
      file: expect.stringContaining(sub),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    const target = await freshDatabase();
    const code = await runBackupCli(["restore", made.file, "--target", target.url], {
      stdout: out,
      stderr: err,
      config,
    });
    expect(code).toBe(0);
    const text = String(out.read());
    expect(text).toContain(`restore ok: ${made.file} → 127.0.0.1:5432/${target.name} (sha256 verified`);
    expect(text).toMatch(/^ {2}public\.workspaces +40$/m);
    expect(text).toMatch(new RegExp(`^ {2}public\\.audit_log +${AUDIT_ROWS}$`, "m"));
    expect(err.read()).toBeNull();
  });

  it("refuses to restore over a database that holds tables, and replaces it with --force", async () => {
    const backup = await createBackup({ databaseUrl: source.url, dir, keep: 5 });
    const before = await snapshot(source.url);
    await admin(`DROP DATABASE ${source.name} WITH (FORCE)`);
    await admin(`CREATE DATABASE ${source.name}`);
    await restoreBackup({ file: backup.file, targetUrl: source.url });
    await withClient(source.url, (c) => c.query("DELETE FROM workspaces WHERE user_id LIKE 'user-1%'"));

    await expect(restoreBackup({ file: backup.file, targetUrl: source.url })).rejects.toMatchObject({
      code: "RESTORE_TARGET_NOT_EMPTY",
      message: expect.stringMatching(/is not empty \(public\.[a-z_]+.*\): .*pass --force/),
    });
    expect((await snapshot(source.url))["public.workspaces"]!.length).toBeLessThan(40);

    await restoreBackup({ file: backup.file, targetUrl: source.url, force: true });
    expect(await snapshot(source.url)).toEqual(before);
  });

  it("refuses a dump whose bytes changed (checksum mismatch) and leaves the target empty", async () => {
    const backup = await createBackup({ databaseUrl: source.url, dir, keep: 5 });
    const bad = join(dir, "corrupt.dump");
    await copyFile(backup.file, bad);
    await copyFile(sidecarOf(backup.file), sidecarOf(bad));
    const handle = await open(bad, "r+");
    const { size } = await handle.stat();
    // Flip every bit of one byte: writing a fixed 0xff left the dump unchanged whenever that byte already was 0xff
    // (≈ 1 run in 256 failed that way).
    const at = Math.floor(size / 2);
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, at);
    await handle.write(Buffer.from([byte[0]! ^ 0xff]), 0, 1, at);
    await handle.close();
    const target = await freshDatabase();

    await expect(restoreBackup({ file: bad, targetUrl: target.url })).rejects.toMatchObject({
      code: "CHECKSUM_MISMATCH",
    });
    expect(await withClient(target.url, userObjects)).toEqual([]);
    // A target that does not exist is named, with what to do (the restore never creates databases).
    const missing = Object.assign(new URL(target.url), { pathname: "/pregao_nowhere" }).toString();
    await expect(restoreBackup({ file: backup.file, targetUrl: missing })).rejects.toMatchObject({
      code: "DATABASE_UNREACHABLE",
      message: expect.stringMatching(/pregao_nowhere.*does not exist \(create it first: createdb/),
    });
  });

  it("names a dump from a newer pg_dump than pg_restore reads (PG_VERSION_MISMATCH), leaving the target empty", async () => {
    const backup = await createBackup({ databaseUrl: source.url, dir, keep: 5 });
    const newer = join(dir, "from-the-future.dump");
    await copyFile(backup.file, newer);
    const handle = await open(newer, "r+");
    await handle.write(Buffer.from([1, 99, 0]), 0, 3, 5); // custom-format header: "PGDMP", then version 1.99.0
    await handle.close();
    await writeFile(sidecarOf(newer), sidecarText(await sha256File(newer), newer));
    const target = await freshDatabase();

    await expect(restoreBackup({ file: newer, targetUrl: target.url })).rejects.toMatchObject({
      code: "PG_VERSION_MISMATCH",
      message: expect.stringContaining("newer pg_dump"),
    });
    expect(await withClient(target.url, userObjects)).toEqual([]);
  });

  it("keeps the newest N good backups of the database", async () => {
    const sub = await mkdtemp(join(dir, "rotate-"));
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await createBackup({ databaseUrl: source.url, dir: sub, keep: 2 });
      made.push(r.file);
      expect(r.deleted).toEqual(i >= 2 ? [made[i - 2]] : []);
    }
    expect((await listGoodBackups(sub)).map((b) => b.file)).toEqual([made[3], made[2]]);
    expect((await readdir(sub)).sort()).toEqual(
      [made[2]!, sidecarOf(made[2]!), made[3]!, sidecarOf(made[3]!)]
        .map((f) => f.slice(sub.length + 1))
        .sort(),
    );
  });

  it("a pg_dump that dies half-way leaves no good backup and no partial file", async () => {
    const sub = await mkdtemp(join(dir, "failing-"));
    const bin = await mkdtemp(join(dir, "bin-"));
    // A pg_dump that writes part of its output, then fails (disk full, killed, connection lost).
    await writeFile(
      join(bin, "pg_dump"),
      `#!/bin/sh
[ "$1" = "--version" ] && { echo 'pg_dump (PostgreSQL) 15.99'; exit 0; }
for a in "$@"; do case "$a" in --file=*) printf 'PGDMP half' > "\${a#--file=}";; esac; done
echo 'pg_dump: error: could not write to output file: No space left on device' >&2
exit 1
`,
    );
    await chmod(join(bin, "pg_dump"), 0o755);
    await expect(
      createBackup({ databaseUrl: source.url, dir: sub, keep: 2, pgBinDir: bin }),
    ).rejects.toMatchObject({
      code: "PG_DUMP_FAILED",
      message: expect.stringContaining("No space left on device"),
    });
    expect(await readdir(sub)).toEqual([]);
  });
});
