import { WORKSPACE_LIMITS, type Workspace, type WorkspacePanel } from "@pregao/contracts";

/** Why a list name cannot be used (the workspace schema's rules, checked before the server refuses the save). */
export type ListNameProblem = "empty" | "tooLong" | "duplicate" | "tooMany";

/**
 * Checks a new name for a list: `renaming` is the list being renamed (it may keep its own name; a rename does not
 * add a list). Names are compared trimmed, as the schema stores them.
 */
export function listNameProblem(ws: Workspace, name: string, renaming?: string): ListNameProblem | null {
  const trimmed = name.trim();
  if (trimmed === "") return "empty";
  if (trimmed.length > WORKSPACE_LIMITS.nameLength) return "tooLong";
  if (trimmed !== renaming && ws.watchlists.some((w) => w.name === trimmed)) return "duplicate";
  if (renaming === undefined && ws.watchlists.length >= WORKSPACE_LIMITS.watchlists) return "tooMany";
  return null;
}

/** Changes one panel of the active layout (unknown panel: the workspace unchanged). */
export function onActiveLayoutPanel(
  ws: Workspace,
  panelId: string,
  change: (p: WorkspacePanel) => WorkspacePanel,
): Workspace {
  return {
    ...ws,
    layouts: ws.layouts.map((l) =>
      l.name === ws.activeLayout
        ? { ...l, panels: l.panels.map((p) => (p.id === panelId ? change(p) : p)) }
        : l,
    ),
  };
}

/** A watchlist panel showing list `name`. */
export const withListShown = (panel: WorkspacePanel, name: string): WorkspacePanel => ({
  ...panel,
  watchlist: name,
});

/** Every panel of every layout, changed by `change`. */
const onAllPanels = (ws: Workspace, change: (p: WorkspacePanel) => WorkspacePanel): Workspace => ({
  ...ws,
  layouts: ws.layouts.map((l) => ({ ...l, panels: l.panels.map(change) })),
});

/**
 * Adds an empty list `name` and, given `panelId`, shows it in that panel (else makes it the active list).
 * Re-applicable: on a newer workspace where the name is taken or the limit reached, nothing changes.
 */
export const withNewList =
  (name: string, panelId?: string) =>
  (ws: Workspace): Workspace => {
    const trimmed = name.trim();
    if (listNameProblem(ws, trimmed) !== null) return ws;
    const added = { ...ws, watchlists: [...ws.watchlists, { name: trimmed, assets: [] }] };
    return panelId === undefined
      ? { ...added, activeWatchlist: trimmed }
      : onActiveLayoutPanel(added, panelId, (p) => withListShown(p, trimmed));
  };

/** Renames list `from` to `to`, with the active list and every panel showing it (a taken name: no change). */
export const withRenamedList =
  (from: string, to: string) =>
  (ws: Workspace): Workspace => {
    const trimmed = to.trim();
    if (!ws.watchlists.some((w) => w.name === from) || listNameProblem(ws, trimmed, from) !== null) return ws;
    const renamed = onAllPanels(
      {
        ...ws,
        watchlists: ws.watchlists.map((w) => (w.name === from ? { ...w, name: trimmed } : w)),
        activeWatchlist: ws.activeWatchlist === from ? trimmed : ws.activeWatchlist,
      },
      (p) => (p.watchlist === from ? { ...p, watchlist: trimmed } : p),
    );
    return renamed;
  };

/**
 * Deletes list `name` unless it is the last one. The active list moves to the first remaining one; panels that
 * showed it show the active list again.
 */
export const withDeletedList =
  (name: string) =>
  (ws: Workspace): Workspace => {
    const rest = ws.watchlists.filter((w) => w.name !== name);
    if (rest.length === ws.watchlists.length || rest.length === 0) return ws;
    const activeWatchlist = ws.activeWatchlist === name ? rest[0]!.name : ws.activeWatchlist;
    return onAllPanels({ ...ws, watchlists: rest, activeWatchlist }, (p) => {
      if (p.watchlist !== name) return p;
      const { watchlist: _gone, ...others } = p;
      return others;
    });
  };
