import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { createDockview, type DockviewApi, type DockviewTheme } from "dockview";
import "dockview/dist/styles/dockview.css";
import { LINKED_PANEL_TYPES, type Permission, type Role, type WorkspacePanel } from "@pregao/contracts";
import { useWorkspace } from "../../lib/workspace.ts";
import { activeLayout } from "../../workspace/link-groups.ts";
import { panelsFor, type PanelEntry } from "../panel-registry.ts";
import { DockContext, type DockContextValue } from "./dock-context.ts";
import {
  arrangementFor,
  arrangementKey,
  fromDockview,
  sameArrangement,
  toDockview,
} from "./dock-geometry.ts";
import { DockPanel } from "./dock-panel.tsx";
import { DockTab } from "./dock-tab.tsx";
import { GroupActions, POPOUT_URL } from "./group-actions.tsx";
import { withDock, withPanelAdded, withRoleDefault } from "./layout-edits.ts";
import { PanelMenu } from "./panel-menu.tsx";
import { nextPanelId, panelTitle } from "./panel-title.ts";
import { PortalStore } from "./portal-store.ts";
import { groupPart, panelPart } from "./renderers.ts";
import { followTheme } from "../theme/theme-store.ts";
import "./dock.css";

const theme: DockviewTheme = { name: "pregao", className: "dockview-theme-pregao" };
/** Several instances make sense (different assets or lists side by side); other types focus the one they have. */
const MULTI_INSTANCE = new Set(["chart", "watchlist"]);
/** A user's resize or drag is saved once it settles (the saver debounces the PUT again). */
const SAVE_DEBOUNCE_MS = 300;

/**
 * dockview labels each group `role="region"` after its active tab; the panel's own `<section aria-label>` is the one
 * region per panel (E2E and assistive tech find panels by it), so the group's role goes.
 */
const unlabelGroups = (root: ParentNode | null | undefined) =>
  root?.querySelectorAll('.dv-groupview[role="region"]').forEach((el) => el.removeAttribute("role"));

/**
 * The docking workspace: the active layout's panels in a dockview grid (drag, split, tab, resize, close, maximise,
 * pop out), arranged as the workspace document says and saved back to it when the user changes the arrangement.
 */
export function DockWorkspace({ permissions, role }: { permissions: readonly Permission[]; role: Role }) {
  const { workspace, edit } = useWorkspace();
  const entries = useMemo(() => panelsFor(permissions), [permissions]);
  const byType = useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries]);
  const layout = workspace ? activeLayout(workspace) : undefined;
  const visible = useMemo(() => layout?.panels.filter((p) => byType.has(p.type)) ?? [], [layout, byType]);
  const context = useMemo<DockContextValue>(
    () => ({ panels: new Map(visible.map((p) => [p.id, p])), entries: byType }),
    [visible, byType],
  );
  const target = useMemo(() => (layout ? arrangementFor(layout.dock, visible) : null), [layout, visible]);
  const targetKey = arrangementKey(target);

  const store = useMemo(() => new PortalStore(), []);
  const portals = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const host = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<DockviewApi | null>(null);
  // What the layout-change listener compares against and keeps (read when the debounce fires, not when subscribed).
  const latest = useRef({ loaded: false, target, hidden: new Set<string>() });
  useEffect(() => {
    const hidden = new Set(layout?.panels.filter((p) => !byType.has(p.type)).map((p) => p.id));
    latest.current = { loaded: layout !== undefined, target, hidden };
  }, [layout, byType, target]);

  useEffect(() => {
    const dock = createDockview(host.current!, {
      theme,
      createComponent: () => panelPart(store, "content", DockPanel),
      createTabComponent: () => panelPart(store, "tab", DockTab),
      createRightHeaderActionComponent: (group) => groupPart(store, group, GroupActions),
      popoutUrl: POPOUT_URL,
      disableFloatingGroups: true,
    });
    const added = dock.onDidAddGroup((g) => g.element.removeAttribute("role"));
    // A pop-out window gets the stylesheets from dockview, not `<html data-theme>` they key on: keep it in step.
    const followers = new Map<string, () => void>();
    const poppedOut = dock.onDidAddPopoutGroup(({ id, window: popout }) =>
      followers.set(id, followTheme(popout.document.documentElement)),
    );
    const closing = dock.onWillClosePopoutWindow(({ id }) => {
      followers.get(id)?.();
      followers.delete(id);
    });
    setApi(dock);
    return () => {
      added.dispose();
      poppedOut.dispose();
      closing.dispose();
      for (const stop of followers.values()) stop();
      dock.dispose();
      setApi(null);
    };
  }, [store]);

  // Workspace → dock: apply an arrangement that differs from the one on screen (Reset, a 409 re-apply, another tab),
  // never our own save coming back (same arrangement). Existing panels are reused, so nothing remounts or resubscribes.
  useEffect(() => {
    if (!api || !layout) return;
    if (sameArrangement(fromDockview(api.toJSON()), target)) return;
    if (!target) api.clear();
    else api.fromJSON(toDockview(target, visible, titleOf(byType)), { reuseExistingPanels: true });
    unlabelGroups(host.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for target; panels ride along with it
  }, [api, targetKey, layout !== undefined]);

  // Dock → workspace: the user's arrangement, debounced, only when it really changed (fitting it to the window is no change).
  useEffect(() => {
    if (!api) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = api.onDidLayoutChange(() => {
      unlabelGroups(host.current);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const { loaded, target: saved, hidden } = latest.current;
        const shown = fromDockview(api.toJSON());
        if (loaded && !sameArrangement(shown, saved)) edit(withDock(shown, hidden));
      }, SAVE_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      changed.dispose();
    };
  }, [api, edit]);

  const add = (entry: PanelEntry) => {
    if (!api || !layout) return;
    const existing = visible.find((p) => p.type === entry.id);
    if (existing && !MULTI_INSTANCE.has(entry.id)) {
      api.getPanel(existing.id)?.api.setActive();
      return;
    }
    const type = entry.id as WorkspacePanel["type"];
    const panel: WorkspacePanel = { id: nextPanelId(layout.panels, type), type };
    if (LINKED_PANEL_TYPES.has(type)) panel.linkGroup = "blue";
    edit(withPanelAdded(panel, fromDockview(api.toJSON())));
  };

  return (
    <DockContext.Provider value={context}>
      <div className="dock-area">
        <PanelMenu entries={entries} onAdd={add} onReset={() => edit(withRoleDefault(role))} />
        <div ref={host} className="dock-host" data-testid="dock" />
        {portals.map((p) => createPortal(p.node, p.element, p.key))}
      </div>
    </DockContext.Provider>
  );
}

const titleOf = (byType: ReadonlyMap<string, PanelEntry>) => (p: WorkspacePanel) =>
  panelTitle(p, byType.get(p.type)?.title ?? p.type);
