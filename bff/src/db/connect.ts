import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import type { Logger } from "../lib/logger.ts";

/** One open database: a Kysely over it and how to release it. */
export interface Connection {
  db: Kysely<unknown>;
  close(): Promise<void>;
}

/**
 * A pool to PostgreSQL at `url`; connects on first query. A pool's idle client whose server goes away emits `error`:
 * it is logged here, never left unhandled (that would end the process while the BFF must keep serving traders).
 */
export function connectPostgres(
  url: string,
  opts: { poolMax: number; connectTimeoutMs: number; role: string; logger: Logger },
): Connection {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolMax,
    connectionTimeoutMillis: opts.connectTimeoutMs,
  });
  pool.on("error", (err: Error) =>
    opts.logger.warn({ err: err.message, role: opts.role }, "database connection lost"),
  );
  // A client that is checked out (between two statements of a transaction, or still connecting) reports a dropped
  // connection on itself, not on the pool; unheard, that is an uncaught exception. Its statement fails on its own.
  pool.on("connect", (client) =>
    client.on("error", (err: Error) =>
      opts.logger.warn({ err: err.message, role: opts.role }, "database connection lost"),
    ),
  );
  const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}

/**
 * PGlite (PostgreSQL compiled to WASM) in this process: `dataDir` on disk, or `:memory:`. Same queries as PostgreSQL;
 * one connection and one instance per directory, so it suits one BFF process (`pnpm start`), not a fleet.
 */
export async function connectPglite(dataDir: string): Promise<Connection> {
  const memory = dataDir === ":memory:";
  if (!memory) await mkdir(dataDir, { recursive: true });
  const pglite = memory ? new PGlite() : new PGlite(dataDir);
  const db = new Kysely<unknown>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
