import { useCallback } from "react";
import { MAX_SUBSCRIPTIONS_PER_SOCKET, WORKSPACE_LIMITS, type Workspace } from "@pregao/contracts";
import { useWorkspace } from "../../lib/workspace.ts";
import { usePanelInstance } from "../../workspace/panel-instance.tsx";
import { onActiveLayoutPanel, withListShown } from "./watchlist-lists.ts";

/** The server caps subscriptions per socket and assets per saved list; the list never asks for more. */
export const MAX_WATCHLIST = Math.min(MAX_SUBSCRIPTIONS_PER_SOCKET, WORKSPACE_LIMITS.assetsPerWatchlist);

const EMPTY: readonly string[] = [];

/** The list a watchlist panel shows: the one its panel names (if it still exists), else the active watchlist. */
export function shownListName(ws: Workspace, panelList: string | undefined): string {
  return panelList && ws.watchlists.some((w) => w.name === panelList) ? panelList : ws.activeWatchlist;
}

/** The assets of the list named `name` (empty if there is none). */
export function listAssets(ws: Workspace, name: string): readonly string[] {
  return ws.watchlists.find((w) => w.name === name)?.assets ?? EMPTY;
}

/** The active watchlist's assets. */
export const activeAssets = (ws: Workspace): readonly string[] => listAssets(ws, ws.activeWatchlist);

const onList = (ws: Workspace, name: string, change: (assets: string[]) => string[]): Workspace => ({
  ...ws,
  watchlists: ws.watchlists.map((w) => (w.name === name ? { ...w, assets: change(w.assets) } : w)),
});

/** Adds `asset` to list `name` unless it is there or the list is full (re-applicable on any newer workspace). */
export const withAsset =
  (asset: string, name?: string) =>
  (ws: Workspace): Workspace =>
    onList(ws, name ?? ws.activeWatchlist, (assets) =>
      assets.includes(asset) || assets.length >= MAX_WATCHLIST ? assets : [...assets, asset],
    );

/** Removes `asset` from list `name` (re-applicable: removing what is gone changes nothing). */
export const withoutAsset =
  (asset: string, name?: string) =>
  (ws: Workspace): Workspace =>
    onList(ws, name ?? ws.activeWatchlist, (assets) => assets.filter((a) => a !== asset));

/**
 * The list this watchlist panel shows (its panel's `watchlist`, else the active one; outside a docked panel the
 * active one), its assets, and edits on it — add/remove, show another list — saved debounced with the revision.
 */
export function useWatchlist() {
  const panel = usePanelInstance();
  const { query, workspace, save, edit } = useWorkspace();
  const name = workspace ? shownListName(workspace, panel?.watchlist) : undefined;
  const add = useCallback((asset: string) => edit(withAsset(asset, name)), [edit, name]);
  const remove = useCallback((asset: string) => edit(withoutAsset(asset, name)), [edit, name]);
  const panelId = panel?.id;
  /** Shows list `next` here: in a docked panel only this panel changes; outside one, the active list. */
  const show = useCallback(
    (next: string) =>
      edit(
        panelId === undefined
          ? (ws) => (ws.watchlists.some((w) => w.name === next) ? { ...ws, activeWatchlist: next } : ws)
          : (ws) => onActiveLayoutPanel(ws, panelId, (p) => withListShown(p, next)),
      ),
    [edit, panelId],
  );
  return {
    query,
    workspace,
    name,
    assets: workspace && name ? listAssets(workspace, name) : EMPTY,
    save,
    edit,
    add,
    remove,
    show,
  };
}
