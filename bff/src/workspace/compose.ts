import type { Logger } from "../lib/logger.ts";
import { workspaceDataDir, type WorkspaceConfig } from "./config.ts";
import { LazyWorkspaceStore } from "./lazy-store.ts";
import { openPgliteStore, openPostgresStore } from "./open-store.ts";
import { WorkspaceService } from "./service.ts";
import type { WorkspaceStore } from "./store.ts";

export interface ComposedWorkspace {
  service: WorkspaceService;
  store: WorkspaceStore;
  /** Which backend DATABASE_URL chose. */
  backend: "postgres" | "pglite";
  /** The PUT body cap (WORKSPACE_MAX_BYTES), for the route. */
  maxBytes: number;
  dispose(): Promise<void>;
}

/**
 * Per-user workspaces: PostgreSQL when DATABASE_URL is set, else PGlite in this process (WORKSPACE_DATA_DIR), migrated
 * to the latest schema before this resolves — a failed migration stops the start. Under NODE_ENV=test the store opens
 * on first use instead (LazyWorkspaceStore), so test BFFs that never touch workspaces skip PGlite's start.
 */
export async function composeWorkspace(deps: {
  config: WorkspaceConfig;
  logger: Logger;
}): Promise<ComposedWorkspace> {
  const { config, logger } = deps;
  const backend = config.DATABASE_URL ? "postgres" : "pglite";
  const dataDir = workspaceDataDir(config);
  const open = async (): Promise<WorkspaceStore> => {
    const store = config.DATABASE_URL
      ? await openPostgresStore(config.DATABASE_URL, config.DATABASE_POOL_MAX)
      : await openPgliteStore(dataDir);
    logger.info({ backend, ...(backend === "pglite" ? { dataDir } : {}) }, "workspace store ready");
    return store;
  };
  const store = config.NODE_ENV === "test" ? new LazyWorkspaceStore(open) : await open();
  return {
    service: new WorkspaceService(store),
    store,
    backend,
    maxBytes: config.WORKSPACE_MAX_BYTES,
    dispose: () => store.close(),
  };
}
