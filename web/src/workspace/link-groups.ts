import { useCallback } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Workspace, WorkspaceLayout, WorkspacePanel } from "@pregao/contracts";
import { workspaceSaverFor, type WorkspaceEdit } from "../lib/workspace.ts";
import { DEFAULT_ASSET, useSelectionStore } from "../stream/selection-store.ts";
import { usePanelInstance } from "./panel-instance.tsx";
import { useWorkspaceValue } from "./use-workspace-value.ts";

/** A colour link group: panels in one group follow the asset selected in any member (TWS, Profit). */
export type LinkGroup = NonNullable<WorkspacePanel["linkGroup"]>;

/** Every group, in the order the picker lists them. */
export const LINK_GROUPS: readonly LinkGroup[] = ["red", "green", "blue", "yellow"];

/** The layout the user sees. */
export const activeLayout = (ws: Workspace): WorkspaceLayout | undefined =>
  ws.layouts.find((l) => l.name === ws.activeLayout);

const panelIn = (ws: Workspace, panelId: string): WorkspacePanel | undefined =>
  activeLayout(ws)?.panels.find((p) => p.id === panelId);

/** The asset a group follows: its members' (the same after any selection), else the first member's that has one. */
export function groupAsset(layout: WorkspaceLayout | undefined, group: LinkGroup): string {
  return layout?.panels.find((p) => p.linkGroup === group && p.asset)?.asset ?? DEFAULT_ASSET;
}

/** The asset a panel shows: its group's when linked, its own otherwise (`fallback`: the record outside the layout). */
export function panelAsset(ws: Workspace | undefined, panelId: string, fallback?: WorkspacePanel): string {
  const panel = (ws && panelIn(ws, panelId)) ?? fallback;
  if (!panel) return DEFAULT_ASSET;
  if (ws && panel.linkGroup) return groupAsset(activeLayout(ws), panel.linkGroup);
  return panel.asset ?? DEFAULT_ASSET;
}

const onActiveLayout = (
  ws: Workspace,
  change: (panels: WorkspacePanel[]) => WorkspacePanel[],
): Workspace => ({
  ...ws,
  layouts: ws.layouts.map((l) => (l.name === ws.activeLayout ? { ...l, panels: change(l.panels) } : l)),
});

/**
 * Selects `asset` in a panel: every member of its group when linked, only the panel otherwise. The group is read
 * when the edit is applied, so it re-applies correctly on top of a newer server workspace.
 */
export const withPanelAsset =
  (panelId: string, asset: string) =>
  (ws: Workspace): Workspace => {
    const panel = panelIn(ws, panelId);
    if (!panel) return ws;
    const group = panel.linkGroup;
    return onActiveLayout(ws, (panels) =>
      panels.map((p) => ((group ? p.linkGroup === group : p.id === panelId) ? { ...p, asset } : p)),
    );
  };

/**
 * Moves a panel into `group` (undefined: unlinked). Joining takes the group's current asset (when the group has
 * other members); leaving keeps the asset the panel showed, so nothing jumps.
 */
export const withLinkGroup =
  (panelId: string, group: LinkGroup | undefined) =>
  (ws: Workspace): Workspace => {
    const layout = activeLayout(ws);
    const panel = layout?.panels.find((p) => p.id === panelId);
    if (!layout || !panel || panel.linkGroup === group) return ws;
    const shown = panelAsset(ws, panelId);
    const others = group && layout.panels.some((p) => p.id !== panelId && p.linkGroup === group);
    const asset = group && others ? groupAsset(layout, group) : shown;
    return onActiveLayout(ws, (panels) =>
      panels.map((p) => {
        if (p.id !== panelId) return p;
        const { linkGroup: _old, ...rest } = p;
        return group ? { ...rest, linkGroup: group, asset } : { ...rest, asset };
      }),
    );
  };

/** `edit` of the shared saver without subscribing to the workspace (useWorkspace would re-render on every edit). */
function useWorkspaceEdit(): (change: WorkspaceEdit) => void {
  return workspaceSaverFor(useQueryClient()).edit;
}

/** The panel's link group in the user's workspace (undefined: unlinked, or outside a docked panel). */
export function usePanelLinkGroup(panelId: string): LinkGroup | undefined {
  return useWorkspaceValue((ws) => panelIn(ws, panelId)?.linkGroup);
}

/** Changes a panel's link group (applied at once, saved debounced). */
export function useSetLinkGroup(panelId: string): (group: LinkGroup | undefined) => void {
  const edit = useWorkspaceEdit();
  return useCallback((group) => edit(withLinkGroup(panelId, group)), [edit, panelId]);
}

/**
 * `select` for the enclosing panel: its group's members, or only itself; outside a docked panel, the global
 * selection (phone view, unit tests). Stable across selections, so rows holding it do not re-render.
 */
export function useSelectPanelAsset(): (asset: string) => void {
  const panelId = usePanelInstance()?.id;
  const edit = useWorkspaceEdit();
  return useCallback(
    (asset: string) => {
      if (panelId === undefined) useSelectionStore.getState().select(asset);
      else edit(withPanelAsset(panelId, asset));
    },
    [edit, panelId],
  );
}

/** `select(asset) → panelAsset(...)`: the asset the enclosing panel shows (see useSelectPanelAsset for the rules). */
function useShownAsset<T>(pick: (shown: string) => T): T {
  const panel = usePanelInstance();
  const global = useSelectionStore((s) => pick(s.asset));
  // Outside a docked panel (phone view, unit tests) the workspace is not needed: do not fetch it.
  const own = useWorkspaceValue((ws) => (panel ? pick(panelAsset(ws, panel.id, panel)) : undefined), !!panel);
  if (!panel) return global;
  return own === undefined ? pick(panel.asset ?? DEFAULT_ASSET) : own;
}

/** Whether `asset` is the one the enclosing panel shows: a row re-renders only when its own answer flips. */
export const useIsPanelAsset = (asset: string): boolean => useShownAsset((shown) => shown === asset);

/** The asset the enclosing panel shows and `select` to change it (its group's, its own, or the global selection). */
export function usePanelAsset(): { asset: string; select(asset: string): void } {
  const asset = useShownAsset(identity);
  const select = useSelectPanelAsset();
  return { asset, select };
}

const identity = (s: string): string => s;
