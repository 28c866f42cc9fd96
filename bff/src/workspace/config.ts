import { fileURLToPath } from "node:url";
import { z } from "zod";

const defaultDataDir = fileURLToPath(new URL("../../data/pglite", import.meta.url));

/** The workspace store's settings; spread into `configSchema` in env.ts (the only reader of process.env). */
export const workspaceConfigShape = {
  /** PostgreSQL for per-user workspaces (pool, migrations on start). Unset → PGlite in this process (WORKSPACE_DATA_DIR). */
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  /** Connections in the PostgreSQL pool. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).default(10),
  /**
   * PGlite's data directory when DATABASE_URL is unset; `:memory:` keeps nothing. Default `<repo>/bff/data/pglite`
   * (git-ignored), or `:memory:` when NODE_ENV=test (parallel test BFFs must not share one directory).
   */
  WORKSPACE_DATA_DIR: z.string().min(1).optional(),
  /** Largest workspace document a user may save, in bytes (PUT body) → 400 VALIDATION_FAILED over it. */
  WORKSPACE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
} as const;

export type WorkspaceConfig = z.infer<z.ZodObject<typeof workspaceConfigShape>> & { NODE_ENV: string };

/** Where PGlite keeps its files for this config (see WORKSPACE_DATA_DIR). */
export function workspaceDataDir(config: WorkspaceConfig): string {
  return config.WORKSPACE_DATA_DIR ?? (config.NODE_ENV === "test" ? ":memory:" : defaultDataDir);
}
