import {
  roleDefaultLayout,
  type DockLayout,
  type DockNode,
  type Role,
  type Workspace,
  type WorkspaceLayout,
  type WorkspacePanel,
} from "@pregao/contracts";
import { placedIds } from "./dock-geometry.ts";

const editActive = (ws: Workspace, change: (l: WorkspaceLayout) => WorkspaceLayout): Workspace => ({
  ...ws,
  layouts: ws.layouts.map((l) => (l.name === ws.activeLayout ? change(l) : l)),
});

/**
 * The arrangement the user made, saved: `dock` as shown and the panel list trimmed to what it places. Panels this
 * session may not see (`hidden`: after a role change) are kept, never deleted.
 */
export const withDock =
  (dock: DockLayout | null, hidden: ReadonlySet<string>) =>
  (ws: Workspace): Workspace =>
    editActive(ws, ({ dock: _old, ...l }) => {
      const placed = new Set(dock ? placedIds(dock.root) : []);
      const panels = l.panels.filter((p) => placed.has(p.id) || hidden.has(p.id));
      return dock ? { ...l, dock, panels } : { ...l, panels };
    });

/**
 * Adds a panel instance: a tab beside another panel of its type, or a new column at the end of the arrangement.
 * `shown` is the arrangement on screen (it may be ahead of the saved one by a debounce).
 */
export const withPanelAdded =
  (panel: WorkspacePanel, shown: DockLayout | null) =>
  (ws: Workspace): Workspace =>
    editActive(ws, (l) => {
      const panels = [...l.panels.filter((p) => p.id !== panel.id), panel];
      if (!shown) return { ...l, panels, dock: { orientation: "horizontal", root: leafOf(1000, panel.id) } };
      const sibling = l.panels.find((p) => p.type === panel.type)?.id;
      const placedBeside = sibling !== undefined && placedIds(shown.root).includes(sibling);
      const root = placedBeside ? addTab(shown.root, sibling, panel.id) : addColumn(shown.root, panel.id);
      return { ...l, panels, dock: { orientation: shown.orientation, root } };
    });

/** The active layout back to the role's default (its name kept, so nothing that names it breaks). */
export const withRoleDefault =
  (role: Role) =>
  (ws: Workspace): Workspace =>
    editActive(ws, (l) => ({ ...roleDefaultLayout(role), name: l.name }));

const leafOf = (size: number, id: string): DockNode => ({ type: "leaf", size, panels: [id] });

function addTab(node: DockNode, sibling: string, id: string): DockNode {
  if (node.type === "branch") return { ...node, children: node.children.map((c) => addTab(c, sibling, id)) };
  return node.panels.includes(sibling) ? { ...node, panels: [...node.panels, id], active: id } : node;
}

function addColumn(root: DockNode, id: string): DockNode {
  if (root.type === "leaf")
    return { type: "branch", size: root.size, children: [root, leafOf(root.size, id)] };
  const share = Math.round(root.children.reduce((s, c) => s + c.size, 0) / (root.children.length + 1));
  return { ...root, children: [...root.children, leafOf(share, id)] };
}
