import type { DockLayout, DockNode, WorkspacePanel } from "@pregao/contracts";
import { checkDock } from "@pregao/contracts";
import type { SerializedDockview, SerializedGridObject } from "dockview";

/** The component names the dock host registers (content and tab renderers). */
export const PANEL_COMPONENT = "panel";
export const TAB_COMPONENT = "tab";

/** What dockview needs per panel besides geometry: its tab title. */
export type PanelTitle = (panel: WorkspacePanel) => string;

/** A group as dockview serializes it (its `GroupPanelViewState`, which the package does not export). */
interface GroupPanelViewState {
  id: string;
  views: string[];
  activeView?: string;
}
type GridNode = SerializedGridObject<GroupPanelViewState>;

const isBranch = (n: GridNode): n is GridNode & { data: GridNode[] } => n.type === "branch";

/** Width and height the stored sizes add up to (root children run along `orientation`; root.size is the other axis). */
function extentOf(dock: DockLayout): { width: number; height: number } {
  const along =
    dock.root.type === "branch" ? dock.root.children.reduce((s, c) => s + c.size, 0) : dock.root.size;
  const across = dock.root.size;
  return dock.orientation === "horizontal"
    ? { width: along, height: across }
    : { width: across, height: along };
}

/**
 * Our stored arrangement → dockview's serialized layout. Group ids are positional (`g1`, `g2`, …); panels carry only
 * their id and title (everything else about a panel lives in the workspace's `panels`).
 */
export function toDockview(
  dock: DockLayout,
  panels: readonly WorkspacePanel[],
  title: PanelTitle,
): SerializedDockview {
  const byId = new Map(panels.map((p) => [p.id, p]));
  let groups = 0;
  const convert = (node: DockNode): GridNode =>
    node.type === "branch"
      ? { type: "branch", size: node.size, data: node.children.map(convert) }
      : {
          type: "leaf",
          size: node.size,
          data: { id: `g${++groups}`, views: [...node.panels], activeView: node.active ?? node.panels[0] },
        };
  // dockview's root is always a branch.
  const root =
    dock.root.type === "branch"
      ? convert(dock.root)
      : { type: "branch" as const, size: dock.root.size, data: [convert(dock.root)] };
  const ids = panels.length ? [...byId.keys()] : [];
  return {
    grid: {
      root,
      ...extentOf(dock),
      orientation: dock.orientation === "horizontal" ? "HORIZONTAL" : "VERTICAL",
    } as SerializedDockview["grid"],
    panels: Object.fromEntries(
      ids.map((id) => [
        id,
        { id, contentComponent: PANEL_COMPONENT, tabComponent: TAB_COMPONENT, title: title(byId.get(id)!) },
      ]),
    ),
  };
}

/**
 * dockview's serialized layout → our stored arrangement. Popped-out and floating groups are folded back into the grid
 * as tabs of its first group (a reload never re-opens windows). Empty groups are dropped. Null if nothing is left.
 */
export function fromDockview(s: SerializedDockview): DockLayout | null {
  const round = (n: number | undefined) => Math.max(0, Math.round(n ?? 0));
  const convert = (node: GridNode): DockNode | null => {
    if (isBranch(node)) {
      const children = node.data.map(convert).filter((c): c is DockNode => c !== null);
      if (children.length === 0) return null;
      return { type: "branch", size: round(node.size), children };
    }
    const state = node.data as GroupPanelViewState;
    if (!state.views?.length) return null;
    // The first tab is the default: stored only when another one is in front.
    const active =
      state.activeView && state.activeView !== state.views[0] && state.views.includes(state.activeView)
        ? state.activeView
        : undefined;
    return { type: "leaf", size: round(node.size), panels: [...state.views], ...(active ? { active } : {}) };
  };
  const root = convert(s.grid.root as GridNode);
  const detached = [...(s.popoutGroups ?? []), ...(s.floatingGroups ?? [])].flatMap(
    (g) => g.data?.views ?? [],
  );
  if (!root) {
    if (detached.length === 0) return null;
    const size = s.grid.orientation === "HORIZONTAL" ? s.grid.height : s.grid.width;
    return {
      orientation: toOrientation(s.grid.orientation),
      root: {
        type: "branch",
        size: round(size),
        children: [{ type: "leaf", size: round(size), panels: detached }],
      },
    };
  }
  if (detached.length > 0) {
    const first = firstLeaf(root);
    first.panels.push(...detached.filter((id) => !first.panels.includes(id)));
  }
  return { orientation: toOrientation(s.grid.orientation), root };
}

const toOrientation = (o: string): DockLayout["orientation"] =>
  o === "VERTICAL" ? "vertical" : "horizontal";

function firstLeaf(node: DockNode): Extract<DockNode, { type: "leaf" }> {
  return node.type === "leaf" ? node : firstLeaf(node.children[0]!);
}

/** Every panel id an arrangement places, in order. */
export function placedIds(node: DockNode): string[] {
  return node.type === "leaf" ? [...node.panels] : node.children.flatMap(placedIds);
}

/**
 * The default arrangement of a panel list (a layout saved without `dock`, or whose `dock` is unusable): linked market
 * panels (watchlist, chart, book, tape, ticket) across the top, everything else as tabs of one group below.
 */
export function defaultArrangement(panels: readonly WorkspacePanel[]): DockLayout | null {
  if (panels.length === 0) return null;
  const market = new Set(["watchlist", "chart", "order-book", "time-and-sales", "order-ticket"]);
  const top = panels.filter((p) => market.has(p.type));
  const rest = panels.filter((p) => !market.has(p.type));
  const row = (list: readonly WorkspacePanel[], height: number): DockNode => ({
    type: "branch",
    size: height,
    children: list.map((p) => ({ type: "leaf", size: Math.round(1900 / list.length), panels: [p.id] })),
  });
  const children: DockNode[] = [];
  if (top.length) children.push(row(top, rest.length ? 640 : 1040));
  if (rest.length)
    children.push({
      type: "branch",
      size: top.length ? 400 : 1040,
      children: [{ type: "leaf", size: 1900, panels: rest.map((p) => p.id) }],
    });
  return { orientation: "vertical", root: { type: "branch", size: 1900, children } };
}

/**
 * The arrangement to show for `panels` (the ones this session may see): the stored one with ids it lacks removed and
 * panels it does not place added as tabs of its first group; the default arrangement when the stored one is missing,
 * invalid or places none of them. Never throws.
 */
export function arrangementFor(
  dock: DockLayout | undefined,
  panels: readonly WorkspacePanel[],
): DockLayout | null {
  if (!dock) return defaultArrangement(panels);
  const ids = new Set(panels.map((p) => p.id));
  let valid = true;
  checkDock(dock, new Set(placedIds(dock.root)), () => (valid = false)); // depth, duplicates, foreign active tab
  if (!valid) return defaultArrangement(panels);
  const prune = (node: DockNode): DockNode | null => {
    if (node.type === "leaf") {
      const kept = node.panels.filter((id) => ids.has(id));
      if (kept.length === 0) return null;
      const active = node.active && kept.includes(node.active) ? node.active : undefined;
      return { type: "leaf", size: node.size, panels: kept, ...(active ? { active } : {}) };
    }
    const children = node.children.map(prune).filter((c): c is DockNode => c !== null);
    return children.length ? { type: "branch", size: node.size, children } : null;
  };
  const root = prune(dock.root);
  if (!root) return defaultArrangement(panels);
  const placed = new Set(placedIds(root));
  const missing = panels.filter((p) => !placed.has(p.id)).map((p) => p.id);
  if (missing.length) firstLeaf(root).panels.push(...missing);
  return { orientation: dock.orientation, root };
}

/**
 * A comparison key for "is this the same arrangement": structure, tabs and each node's share of its parent in
 * per-mille. Rescaling to another window keeps the key; moving a panel or dragging a sash changes it.
 */
export function arrangementKey(dock: DockLayout | null): string {
  if (!dock) return "";
  const walk = (node: DockNode, total: number): unknown => {
    const share = total > 0 ? Math.round((node.size / total) * 1000) : 0;
    if (node.type === "leaf") return [share, node.panels, node.active ?? node.panels[0]];
    const sum = node.children.reduce((s, c) => s + c.size, 0);
    return [share, node.children.map((c) => walk(c, sum))];
  };
  return JSON.stringify([dock.orientation, walk(dock.root, 0)]);
}

/**
 * Whether two arrangements are the same for saving: same splits, tabs and front tabs, and every node's share of its
 * parent within `tolerance` (dockview rounds sizes to whole pixels when it fits a layout to the window).
 */
export function sameArrangement(a: DockLayout | null, b: DockLayout | null, tolerance = 0.005): boolean {
  if (!a || !b) return a === b;
  if (a.orientation !== b.orientation) return false;
  const same = (x: DockNode, y: DockNode, xTotal: number, yTotal: number): boolean => {
    if (xTotal > 0 && yTotal > 0 && Math.abs(x.size / xTotal - y.size / yTotal) > tolerance) return false;
    if (x.type === "leaf" || y.type === "leaf") {
      if (x.type !== "leaf" || y.type !== "leaf") return false;
      return (
        x.panels.length === y.panels.length &&
        x.panels.every((id, i) => y.panels[i] === id) &&
        (x.active ?? x.panels[0]) === (y.active ?? y.panels[0])
      );
    }
    if (x.children.length !== y.children.length) return false;
    const xs = x.children.reduce((s, c) => s + c.size, 0);
    const ys = y.children.reduce((s, c) => s + c.size, 0);
    return x.children.every((c, i) => same(c, y.children[i]!, xs, ys));
  };
  return same(a.root, b.root, 0, 0);
}
