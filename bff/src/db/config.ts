import { fileURLToPath } from "node:url";
import { z } from "zod";

const defaultDataDir = fileURLToPath(new URL("../../data/pglite", import.meta.url));

/**
 * The one database's settings (workspaces, audit, users share it); spread into `configSchema` in env.ts (the only
 * reader of process.env). WORKSPACE_DATA_DIR keeps its historical name: workspaces were the first tables.
 */
export const databaseConfigShape = {
  /** PostgreSQL (pool, migrations on start). Unset → PGlite in this process (WORKSPACE_DATA_DIR). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections in the PostgreSQL pool (the read replica's pool gets as many). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).default(10),
  /**
   * PGlite's data directory when DATABASE_URL is unset; `:memory:` keeps nothing. Default `<repo>/bff/data/pglite`
   * (git-ignored), or `:memory:` when NODE_ENV=test (parallel test BFFs must not share one directory).
   */
  WORKSPACE_DATA_DIR: z.string().min(1).optional(),
  /**
   * A streaming hot standby of DATABASE_URL: reads that tolerate a little staleness go there while it is up and within
   * DATABASE_REPLICA_MAX_LAG_MS; otherwise to the primary. Needs DATABASE_URL.
   */
  DATABASE_READ_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** A replica further behind the primary than this serves no reads (they go to the primary). */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(5000),
  /** Period of the background probe of the primary and the replica (up/down, replication lag). */
  DATABASE_PROBE_MS: z.coerce.number().int().min(50).default(2000),
  /** Timeout of one probe query (and of opening a connection for it). */
  DATABASE_PROBE_TIMEOUT_MS: z.coerce.number().int().min(10).default(1000),
} as const;

export type DatabaseConfig = z.infer<z.ZodObject<typeof databaseConfigShape>> & { NODE_ENV: string };

/** Where PGlite keeps its files for this config (see WORKSPACE_DATA_DIR). */
export function pgliteDataDir(config: DatabaseConfig): string {
  return config.WORKSPACE_DATA_DIR ?? (config.NODE_ENV === "test" ? ":memory:" : defaultDataDir);
}
