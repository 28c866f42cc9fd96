import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { verifyAuditChainAt } from "../audit/verify.ts";
import { createBackup } from "./backup.ts";
import { drillUserId, migrateDrillDatabase, startDrillWriter } from "./drill-writer.ts";
import { newestGoodBackup } from "./catalog.ts";
import { restoreBackup } from "./restore.ts";

export interface DrillOptions {
  /** A role that may CREATE and DROP databases; the drill only touches `drill_pregao_*` databases it creates. */
  adminUrl: string;
  /** Writing before the backup, and after it until the loss. */
  beforeMs: number;
  afterMs: number;
  /** Pause between writes (one row per transaction). */
  everyMs: number;
  /** Rows of ~2 KiB loaded before the drill starts, so the RTO reflects a database of a realistic size. */
  seedRows?: number;
}

export interface DrillReport {
  database: string;
  seedRows: number;
  /** pg_database_size of the source just before the loss. */
  databaseBytes: number;
  rowsWritten: number;
  rowsRestored: number;
  rowsLost: number;
  /** Audit rows in the restored database; their hash chain verified. */
  auditRowsRestored: number;
  backup: { bytes: number; durationMs: number };
  /** Loss → newest good backup restored (checksum, pg_restore) into a new database and verified. */
  rtoMs: number;
  restoreMs: number;
  /** Server time of the last acknowledged row before the loss − that of the newest restored row. */
  rpoMs: number;
}

/** The audit trail's hash chain verifies end to end (`pnpm audit:verify`'s check); returns its length. */
async function verifyChain(url: string): Promise<number> {
  const result = await verifyAuditChainAt(url);
  if (!result.ok)
    throw new Error(`the restored audit chain breaks at seq ${result.brokenSeq}: ${result.reason}`);
  return result.count;
}

/**
 * The restored database holds workspace rows 1..N in write order (no hole, nothing unwritten), every seed row, its
 * migration history, and an audit chain that verifies.
 */
async function verifyRestored(
  url: string,
  seedRows: number,
): Promise<{ rows: number; newest: Date; auditRows: number }> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{
      n: string;
      max_id: string | null;
      newest: Date | null;
      migrations: string;
    }>(
      `SELECT count(*) AS n, max(user_id) AS max_id, max(updated_at) AS newest,
              (SELECT count(*) FROM kysely_migration) AS migrations FROM workspaces WHERE user_id LIKE 'drill-%'`,
    );
    const seeded = await c.query<{ n: string }>(
      "SELECT count(*) AS n FROM workspaces WHERE user_id LIKE 'seed-%'",
    );
    if (Number(seeded.rows[0]!.n) !== seedRows)
      throw new Error(`restored ${seeded.rows[0]!.n} of the ${seedRows} seed rows`);
    const r = rows[0]!;
    const n = Number(r.n);
    if (n === 0 || r.newest === null) throw new Error("the restored database has no workspace rows");
    if (r.max_id !== drillUserId(n))
      throw new Error(`restored rows are not 1..${n} in write order (newest ${r.max_id})`);
    if (Number(r.migrations) === 0) throw new Error("the restored database has no migration history");
    return { rows: n, newest: r.newest, auditRows: await verifyChain(url) };
  } finally {
    await c.end();
  }
}

async function databaseSize(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c
    .query<{ n: string }>("SELECT pg_database_size(current_database()) AS n")
    .finally(() => c.end());
  return Number(rows[0]!.n);
}

/** Bulk rows (`seed-<n>`, ~2 KiB of jsonb each), written before the drill's clock starts. */
async function seed(url: string, rows: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c
    .query(
      `INSERT INTO workspaces (user_id, revision, schema_version, document, updated_at)
       SELECT 'seed-' || lpad(g::text, 9, '0'), 1, 2,
              jsonb_build_object('version', 2, 'pad', repeat(md5(g::text), 60)), now() - interval '1 day'
       FROM generate_series(1, $1::int) g`,
      [rows],
    )
    .finally(() => c.end());
}

/**
 * A measured disaster-recovery drill on scratch databases: write continuously, back up (createBackup, what
 * `pnpm db:backup` runs), keep writing, DROP the database, restore the newest good backup (restoreBackup, what
 * `pnpm db:restore` runs) into a new database, verify it. Everything it created is dropped at the end.
 */
export async function runDrill(options: DrillOptions): Promise<DrillReport> {
  const urlOf = (database: string) => {
    const u = new URL(options.adminUrl);
    u.pathname = `/${database}`;
    return u.toString();
  };
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: options.adminUrl });
    await c.connect();
    await c.query(statement).finally(() => c.end());
  };
  const database = `drill_pregao_${randomBytes(4).toString("hex")}`;
  const restored = `${database}_restored`;
  const dir = await mkdtemp(join(tmpdir(), "pregao-drill-"));
  try {
    await admin(`CREATE DATABASE ${database}`);
    await migrateDrillDatabase(urlOf(database));
    const seedRows = options.seedRows ?? 0;
    if (seedRows > 0) await seed(urlOf(database), seedRows);

    const writer = startDrillWriter(urlOf(database), options.everyMs);
    await sleep(options.beforeMs);
    const backup = await createBackup({ databaseUrl: urlOf(database), dir, keep: 2 });
    await sleep(options.afterMs);
    const last = await writer.stop();
    const databaseBytes = await databaseSize(urlOf(database));

    const lossAt = performance.now();
    await admin(`DROP DATABASE ${database} WITH (FORCE)`);
    const newest = await newestGoodBackup(dir);
    if (!newest) throw new Error("no good backup to restore");
    await admin(`CREATE DATABASE ${restored}`);
    const restore = await restoreBackup({ file: newest.file, targetUrl: urlOf(restored) });
    const check = await verifyRestored(urlOf(restored), seedRows);
    const rtoMs = performance.now() - lossAt;

    return {
      database,
      seedRows,
      databaseBytes,
      rowsWritten: last.n,
      rowsRestored: check.rows,
      rowsLost: last.n - check.rows,
      auditRowsRestored: check.auditRows,
      backup: { bytes: backup.bytes, durationMs: Math.round(backup.durationMs) },
      rtoMs: Math.round(rtoMs),
      restoreMs: Math.round(restore.durationMs),
      rpoMs: last.at.getTime() - check.newest.getTime(),
    };
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin(`DROP DATABASE IF EXISTS ${restored} WITH (FORCE)`).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
