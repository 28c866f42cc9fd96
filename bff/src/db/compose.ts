import type { Logger } from "../lib/logger.ts";
import { pgliteDataDir, type DatabaseConfig } from "./config.ts";
import { connectPglite, connectPostgres, type Connection } from "./connect.ts";
import { SharedDatabase, type Database } from "./database.ts";
import { isUnavailable } from "./errors.ts";
import { migrateToLatest } from "./migrations.ts";
import { DatabaseMonitor } from "./monitor.ts";

/** DATABASE_READ_URL without DATABASE_URL: a replica of PGlite cannot exist. */
export class DatabaseConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "DatabaseConfigError";
  }
}

/**
 * The one database handle: PostgreSQL when DATABASE_URL is set (plus a read replica at DATABASE_READ_URL), else
 * PGlite in this process (WORKSPACE_DATA_DIR). Migrated to the latest schema before this resolves; a failed migration
 * stops the start — except a primary that is merely unreachable: the BFF starts read-only (traders need no database)
 * and migrates on the first write once it is back. Under NODE_ENV=test nothing opens until first use, so test BFFs
 * that never touch the database skip PGlite's start (seconds of WASM + initdb on the event loop).
 */
export async function composeDatabase(deps: { config: DatabaseConfig; logger: Logger }): Promise<Database> {
  const { config, logger } = deps;
  if (config.DATABASE_READ_URL && !config.DATABASE_URL)
    throw new DatabaseConfigError(
      "DATABASE_READ_URL needs DATABASE_URL (a replica of the embedded PGlite cannot exist)",
    );
  const url = config.DATABASE_URL ?? null;
  const backend = url ? "postgres" : "pglite";
  const dataDir = pgliteDataDir(config);
  const monitor = new DatabaseMonitor({
    backend,
    primaryUrl: url,
    replicaUrl: config.DATABASE_READ_URL ?? null,
    intervalMs: config.DATABASE_PROBE_MS,
    timeoutMs: config.DATABASE_PROBE_TIMEOUT_MS,
    maxLagMs: config.DATABASE_REPLICA_MAX_LAG_MS,
    logger,
  });
  const open = async (): Promise<{ primary: Connection; replica: Connection | null }> => {
    const pool = {
      poolMax: config.DATABASE_POOL_MAX,
      connectTimeoutMs: config.DATABASE_PROBE_TIMEOUT_MS * 3,
      logger,
    };
    const primary = url ? connectPostgres(url, { ...pool, role: "primary" }) : await connectPglite(dataDir);
    const replica = config.DATABASE_READ_URL
      ? connectPostgres(config.DATABASE_READ_URL, { ...pool, role: "replica" })
      : null;
    return { primary, replica };
  };
  const migrate = async (db: Parameters<typeof migrateToLatest>[0]) => {
    const ran = await migrateToLatest(db);
    logger.info(
      { backend, ...(url ? {} : { dataDir }), migrations: ran.map((r) => r.migrationName) },
      "database ready",
    );
  };
  const database = new SharedDatabase(backend, monitor, open, migrate);
  if (config.NODE_ENV === "test") return database;
  try {
    await database.primary();
  } catch (err) {
    if (!url || !isUnavailable(err)) {
      await database.close();
      throw err;
    }
    logger.error(
      { err },
      "database primary unreachable at start: starting read-only, migrating once it is back",
    );
  }
  return database;
}
