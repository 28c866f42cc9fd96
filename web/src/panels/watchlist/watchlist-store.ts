import { useCallback } from "react";
import { MAX_SUBSCRIPTIONS_PER_SOCKET, WORKSPACE_LIMITS, type Workspace } from "@pregao/contracts";
import { useWorkspace } from "../../lib/workspace.ts";

/** The server caps subscriptions per socket and assets per saved list; the list never asks for more. */
export const MAX_WATCHLIST = Math.min(MAX_SUBSCRIPTIONS_PER_SOCKET, WORKSPACE_LIMITS.assetsPerWatchlist);

const EMPTY: readonly string[] = [];

/** The active watchlist's assets. */
export function activeAssets(ws: Workspace): readonly string[] {
  return ws.watchlists.find((w) => w.name === ws.activeWatchlist)?.assets ?? EMPTY;
}

const onActive = (ws: Workspace, change: (assets: string[]) => string[]): Workspace => ({
  ...ws,
  watchlists: ws.watchlists.map((w) =>
    w.name === ws.activeWatchlist ? { ...w, assets: change(w.assets) } : w,
  ),
});

/** Adds `asset` to the active list unless it is there or the list is full (re-applicable on any newer workspace). */
export const withAsset = (asset: string) => (ws: Workspace) =>
  onActive(ws, (assets) =>
    assets.includes(asset) || assets.length >= MAX_WATCHLIST ? assets : [...assets, asset],
  );

/** Removes `asset` from the active list (re-applicable: removing what is gone changes nothing). */
export const withoutAsset = (asset: string) => (ws: Workspace) =>
  onActive(ws, (assets) => assets.filter((a) => a !== asset));

/** The active watchlist from the user's server-side workspace; add/remove are saved (debounced) with its revision. */
export function useWatchlist() {
  const { query, workspace, save, edit } = useWorkspace();
  const add = useCallback((asset: string) => edit(withAsset(asset)), [edit]);
  const remove = useCallback((asset: string) => edit(withoutAsset(asset)), [edit]);
  return { query, assets: workspace ? activeAssets(workspace) : EMPTY, save, add, remove };
}
