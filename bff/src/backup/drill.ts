import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { migrateToLatest } from "../db/migrations.ts";
import { createBackup } from "./backup.ts";
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
  backup: { bytes: number; durationMs: number };
  /** Loss → newest good backup restored (checksum, pg_restore) into a new database and verified. */
  rtoMs: number;
  restoreMs: number;
  /** Server time of the last acknowledged row before the loss − that of the newest restored row. */
  rpoMs: number;
}

/** One acknowledged write: its number in write order and the server's clock for it (`updated_at`). */
interface Ack {
  n: number;
  at: Date;
}

const userId = (n: number) => `drill-${String(n).padStart(7, "0")}`;

/** Inserts workspace rows one transaction at a time until stopped; remembers the last the server acknowledged. */
function startWriter(url: string, everyMs: number) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let stopped = false;
  let last: Ack | null = null;
  const loop = (async () => {
    for (let n = 1; !stopped; n++) {
      const doc = JSON.stringify({ version: 2, drill: n, watchlist: ["PETR4:B", "WINF27:F"] });
      const { rows } = await pool.query<{ updated_at: Date }>(
        `INSERT INTO workspaces (user_id, revision, schema_version, document) VALUES ($1, 1, 2, $2::jsonb)
         RETURNING updated_at`,
        [userId(n), doc],
      );
      last = { n, at: rows[0]!.updated_at };
      if (everyMs > 0) await sleep(everyMs);
    }
  })();
  return {
    async stop(): Promise<Ack> {
      stopped = true;
      try {
        await loop;
      } finally {
        await pool.end();
      }
      if (!last) throw new Error("the writer had no row acknowledged");
      return last;
    },
  };
}

/** The restored database holds rows 1..N in write order (no hole, nothing unwritten) and its migration history. */
async function verifyRestored(url: string, seedRows: number): Promise<{ rows: number; newest: Date }> {
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
    if (r.max_id !== userId(n))
      throw new Error(`restored rows are not 1..${n} in write order (newest ${r.max_id})`);
    if (Number(r.migrations) === 0) throw new Error("the restored database has no migration history");
    return { rows: n, newest: r.newest };
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
    const db = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlOf(database), max: 1 }) }),
    });
    await migrateToLatest(db).finally(() => db.destroy());
    const seedRows = options.seedRows ?? 0;
    if (seedRows > 0) await seed(urlOf(database), seedRows);

    const writer = startWriter(urlOf(database), options.everyMs);
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
