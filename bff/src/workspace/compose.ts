import type { Database } from "../db/database.ts";
import type { WorkspaceConfig } from "./config.ts";
import { WorkspaceService } from "./service.ts";
import { SqlWorkspaceStore, type WorkspaceStore } from "./store.ts";

export interface ComposedWorkspace {
  service: WorkspaceService;
  store: WorkspaceStore;
  /** The PUT body cap (WORKSPACE_MAX_BYTES), for the route. */
  maxBytes: number;
  /** Nothing of its own to release: the database handle is the server's (closed after this area). */
  dispose(): void;
}

/**
 * Per-user workspaces in the shared database (db/): its migrations create the `workspaces` table, reads go where the
 * handle routes them (replica when healthy), saves to the primary (503 DATA_STORE_READ_ONLY when it is down).
 */
export function composeWorkspace(deps: { config: WorkspaceConfig; database: Database }): ComposedWorkspace {
  const store = new SqlWorkspaceStore(deps.database);
  return {
    service: new WorkspaceService(store),
    store,
    maxBytes: deps.config.WORKSPACE_MAX_BYTES,
    dispose: () => undefined,
  };
}
