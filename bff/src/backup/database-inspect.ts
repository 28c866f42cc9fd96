import pg from "pg";
import { BackupError } from "./errors.ts";
import { toolConnection } from "./pg-tools.ts";

/** Tables and their row counts, as printed after a restore (`schema.table`). */
export type RowCounts = Record<string, number>;

const userSchemas = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** Runs `fn` on one connection to `url`; a failed connect is DATABASE_UNREACHABLE naming host/db (no password). */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    const e = err as Error & { code?: string };
    // 3D000 invalid_catalog_name: a restore target must be created first (createdb), the restore does not guess.
    const hint = e.code === "3D000" ? " (create it first: createdb -O <owner> <name>)" : "";
    throw new BackupError(
      "DATABASE_UNREACHABLE",
      `cannot connect to ${toolConnection(url).display}: ${e.code ? `${e.code} ` : ""}${e.message}${hint}`,
      "DATABASE_URL",
      { cause: err },
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The server's major version (`server_version_num` 150020 → 15). */
export async function serverMajor(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Math.floor(Number(rows[0]!.v) / 10_000);
}

/** Tables, sequences, views and functions outside the system schemas: a restore target must have none. */
export async function userObjects(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f') AND ${userSchemas}
     UNION ALL
     SELECT n.nspname || '.' || p.proname || '()' FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE ${userSchemas}
     ORDER BY 1`,
  );
  return rows.map((r) => r.name);
}

/** Exact row counts of every table outside the system schemas (the known ones and any added since). */
export async function tableRowCounts(client: pg.Client): Promise<RowCounts> {
  const { rows: tables } = await client.query<{ schema: string; name: string }>(
    `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND ${userSchemas} ORDER BY 1, 2`,
  );
  const counts: RowCounts = {};
  for (const t of tables) {
    const ident = `${client.escapeIdentifier(t.schema)}.${client.escapeIdentifier(t.name)}`;
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${ident}`);
    counts[`${t.schema}.${t.name}`] = Number(rows[0]!.n);
  }
  return counts;
}
