import { useCallback, useSyncExternalStore } from "react";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { Workspace } from "@pregao/contracts";
import { workspaceKeys, workspaceQueryOptions, workspaceSaverFor } from "../lib/workspace.ts";

const views = new WeakMap<QueryClient, { server: Workspace; version: number; view: Workspace }>();

/** The workspace the user sees (server's + pending edits), computed once per server data and edit version. */
function currentView(queryClient: QueryClient): Workspace | undefined {
  const server = queryClient.getQueryData<Workspace>(workspaceKeys.current);
  if (!server) return undefined;
  const saver = workspaceSaverFor(queryClient);
  const version = saver.getSnapshot().version;
  const cached = views.get(queryClient);
  if (cached?.server === server && cached.version === version) return cached.view;
  const view = saver.view(server);
  views.set(queryClient, { server, version, view });
  return view;
}

/**
 * One value of the user's workspace (pending edits applied); the component re-renders only when that value changes,
 * not on every edit or save status. `select` must return a primitive or a reference kept by the workspace (it is
 * compared with Object.is). Undefined until the workspace has loaded. `enabled: false`: reads only what is cached.
 */
export function useWorkspaceValue<T>(select: (ws: Workspace) => T, enabled = true): T | undefined {
  const queryClient = useQueryClient();
  // Keeps the workspace fetched while this component is mounted; its own state changes never re-render it.
  useQuery({ ...workspaceQueryOptions(), enabled, notifyOnChangeProps: [] });
  const saver = workspaceSaverFor(queryClient);
  const subscribe = useCallback(
    (listener: () => void) => {
      const offCache = queryClient.getQueryCache().subscribe((e) => {
        if (e.query.queryKey[0] === workspaceKeys.current[0]) listener();
      });
      const offSaver = saver.subscribe(listener);
      return () => {
        offCache();
        offSaver();
      };
    },
    [queryClient, saver],
  );
  return useSyncExternalStore(subscribe, () => {
    const ws = currentView(queryClient);
    return ws === undefined ? undefined : select(ws);
  });
}
