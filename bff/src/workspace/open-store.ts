import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { migrateToLatest } from "./migrations.ts";
import { SqlWorkspaceStore, type WorkspaceDatabase } from "./store.ts";

/** PostgreSQL at `url` (a pool), migrated to the latest schema before it is returned. */
export async function openPostgresStore(url: string, poolMax = 10): Promise<SqlWorkspaceStore> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax });
  const db = new Kysely<WorkspaceDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return new SqlWorkspaceStore(db);
}

/**
 * PGlite (PostgreSQL compiled to WASM) in this process: `dataDir` on disk, or `:memory:`. Same migrations, same
 * queries as PostgreSQL; one connection, so it suits one BFF instance (`pnpm start`), not a fleet.
 */
export async function openPgliteStore(dataDir: string): Promise<SqlWorkspaceStore> {
  const memory = dataDir === ":memory:";
  if (!memory) await mkdir(dataDir, { recursive: true });
  const pglite = memory ? new PGlite() : new PGlite(dataDir);
  const db = new Kysely<WorkspaceDatabase>({ dialect: new PGliteDialect(pglite) });
  const close = async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  };
  try {
    await migrateToLatest(db as Kysely<unknown>);
  } catch (err) {
    await close();
    throw err;
  }
  return new SqlWorkspaceStore(db, close);
}
