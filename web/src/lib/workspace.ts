import { useMemo, useSyncExternalStore } from "react";
import { queryOptions, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { workspaceSchema, type Workspace } from "@pregao/contracts";
import { api, ApiError, call } from "./api-client.ts";

/** The workspace's query keys (one entry: the session user's workspace; cleared with every query at session end). */
export const workspaceKeys = { current: ["workspace"] as const };

/** `GET /api/v1/workspace`: the user's saved workspace, or their role's default at revision 0. */
export const workspaceQueryOptions = () =>
  queryOptions({
    queryKey: workspaceKeys.current,
    queryFn: ({ signal }) => call((o) => api.workspace.$get({}, o), workspaceSchema, { signal }),
    staleTime: 30_000,
  });

/** `PUT /api/v1/workspace` with the revision it was read at → the saved workspace (409 WORKSPACE_CONFLICT if stale). */
export const saveWorkspace = (workspace: Workspace): Promise<Workspace> =>
  call((o) => api.workspace.$put({ json: workspace }, o), workspaceSchema);

/** A change the user made, re-applicable on top of any newer server workspace (e.g. "add PETR4:B if absent"). */
export type WorkspaceEdit = (ws: Workspace) => Workspace;

/** `retrying`: a save failed and will be tried again; `failed`: the server refused it (nothing more to try). */
export type SaveStatus = "idle" | "pending" | "saving" | "retrying" | "failed";

export interface SaverOptions {
  debounceMs: number;
  /** Wait before retry number `attempt` (1, 2, …) of a failed save. */
  retryDelayMs: (attempt: number) => number;
  put: (ws: Workspace) => Promise<Workspace>;
}

const defaults: SaverOptions = {
  debounceMs: 400,
  retryDelayMs: (attempt) => Math.min(1000 * 2 ** (attempt - 1), 30_000),
  put: saveWorkspace,
};

/**
 * Saves the user's edits, debounced, on top of the workspace in the query cache (the server's, with its revision).
 * Edits stay pending until a save that included them succeeds, so nothing is lost: a failed save is retried with
 * backoff; a 409 puts the server's current workspace in the cache and saves the same edits again on top of it.
 */
export class WorkspaceSaver {
  private edits: WorkspaceEdit[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private attempt = 0;
  private readonly listeners = new Set<() => void>();
  private snapshot: { status: SaveStatus; version: number; error?: ApiError } = {
    status: "idle",
    version: 0,
  };

  constructor(
    private readonly queryClient: QueryClient,
    private readonly options: SaverOptions = defaults,
  ) {
    // Session end removes every query: forget that user's pending edits with it.
    queryClient.getQueryCache().subscribe((e) => {
      if (e.type === "removed" && e.query.queryKey[0] === workspaceKeys.current[0]) this.reset();
    });
  }

  /** The workspace the user sees: the server's with the pending edits applied. */
  view(server: Workspace): Workspace {
    return this.edits.reduce((ws, edit) => ({ ...edit(ws), revision: ws.revision }), server);
  }

  edit = (change: WorkspaceEdit): void => {
    this.edits.push(change);
    this.publish(this.snapshot.status === "retrying" ? "retrying" : "pending");
    if (this.snapshot.status !== "retrying") this.schedule(this.options.debounceMs);
  };

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private reset(): void {
    clearTimeout(this.timer);
    this.edits = [];
    this.attempt = 0;
    this.publish("idle");
  }

  private publish(status: SaveStatus, error?: ApiError): void {
    this.snapshot = { status, version: this.snapshot.version + 1, ...(error ? { error } : {}) };
    for (const l of this.listeners) l();
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private async flush(): Promise<void> {
    const server = this.queryClient.getQueryData<Workspace>(workspaceKeys.current);
    if (this.inFlight || !server || this.edits.length === 0) return;
    const taken = this.edits.slice();
    this.inFlight = true;
    this.publish(this.attempt > 0 ? "retrying" : "saving", this.snapshot.error);
    try {
      const saved = await this.options.put(this.view(server));
      this.inFlight = false;
      this.edits = this.edits.filter((e) => !taken.includes(e));
      this.attempt = 0;
      this.queryClient.setQueryData(workspaceKeys.current, saved);
      this.publish(this.edits.length > 0 ? "pending" : "idle");
      if (this.edits.length > 0) this.schedule(this.options.debounceMs);
    } catch (err) {
      this.inFlight = false;
      this.failed(err);
    }
  }

  private failed(err: unknown): void {
    const apiError = err instanceof ApiError ? err : new ApiError(0, "NETWORK", String(err));
    if (apiError.code === "WORKSPACE_CONFLICT") {
      const current = workspaceSchema.safeParse(
        (apiError.details as { current?: unknown } | undefined)?.current,
      );
      if (current.success) {
        // Another tab saved first: take the server's workspace and re-apply this tab's edits on top, at once.
        this.queryClient.setQueryData(workspaceKeys.current, current.data);
        this.publish("saving");
        void this.flush();
        return;
      }
      void this.queryClient.invalidateQueries({ queryKey: workspaceKeys.current });
    }
    if (apiError.isSessionError) return this.reset(); // the shell routes to the login page
    if (!apiError.retryable && apiError.code !== "WORKSPACE_CONFLICT") {
      // Refused as invalid: retrying the same edits cannot succeed; drop them and show what the server has.
      this.edits = [];
      this.publish("failed", apiError);
      return;
    }
    this.attempt += 1;
    this.publish("retrying", apiError);
    this.schedule(this.options.retryDelayMs(this.attempt));
  }
}

const savers = new WeakMap<QueryClient, WorkspaceSaver>();

/** The one saver of a QueryClient (every panel editing the workspace shares its queue). */
export function workspaceSaverFor(queryClient: QueryClient, options?: SaverOptions): WorkspaceSaver {
  let saver = savers.get(queryClient);
  if (!saver) savers.set(queryClient, (saver = new WorkspaceSaver(queryClient, options)));
  return saver;
}

/** The user's workspace with pending edits applied, the save status, and `edit` to change it (saved debounced). */
export function useWorkspace() {
  const queryClient = useQueryClient();
  const query = useQuery(workspaceQueryOptions());
  const saver = workspaceSaverFor(queryClient);
  const snapshot = useSyncExternalStore(saver.subscribe, saver.getSnapshot);
  const workspace = useMemo(
    () => (query.data ? saver.view(query.data) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- a new snapshot version means the pending edits changed
    [query.data, saver, snapshot.version],
  );
  return { query, workspace, save: snapshot, edit: saver.edit };
}
