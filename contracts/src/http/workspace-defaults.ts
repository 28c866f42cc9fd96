import type { DockLayout, DockNode, PanelType, WorkspaceLayout } from "./workspace.ts";
import type { Role } from "./session.ts";

/** Panel types that follow the asset picked in a linked panel; role defaults put them in the blue link group. */
export const LINKED_PANEL_TYPES: ReadonlySet<PanelType> = new Set([
  "watchlist",
  "chart",
  "order-book",
  "time-and-sales",
  "order-ticket",
]);

const leaf = (size: number, ...panels: PanelType[]): DockNode => ({
  type: "leaf",
  size,
  panels: [...panels],
});
const branch = (size: number, ...children: DockNode[]): DockNode => ({ type: "branch", size, children });

/**
 * Each role's default arrangement, sized for 1920×1080 (the browser rescales it to the window, keeping proportions).
 * Secondary panels share a group as tabs rather than splitting into slivers at 1280×720.
 */
const roleDocks: Readonly<Record<Role, DockLayout>> = {
  viewer: {
    orientation: "horizontal",
    root: branch(
      1040,
      leaf(420, "watchlist"),
      leaf(980, "chart"),
      branch(500, leaf(520, "order-book"), leaf(520, "time-and-sales")),
    ),
  },
  trader: {
    orientation: "vertical",
    root: branch(
      1900,
      branch(
        660,
        leaf(400, "watchlist"),
        leaf(800, "chart"),
        branch(370, leaf(330, "order-book"), leaf(330, "time-and-sales")),
        leaf(330, "order-ticket"),
      ),
      branch(380, leaf(900, "blotter"), leaf(560, "positions"), leaf(440, "connection", "accounts")),
    ),
  },
  risk: {
    orientation: "vertical",
    root: branch(
      1900,
      branch(580, leaf(700, "risk"), leaf(760, "ops-health"), leaf(440, "watchlist")),
      branch(
        460,
        leaf(700, "blotter"),
        leaf(460, "positions"),
        leaf(400, "order-book", "time-and-sales"),
        leaf(340, "connection", "accounts"),
      ),
    ),
  },
};

const panelTypesOf = (node: DockNode): PanelType[] =>
  node.type === "leaf" ? (node.panels as PanelType[]) : node.children.flatMap(panelTypesOf);

/** The role whose default a user gets: the most capable one they hold. */
export function primaryRole(roles: readonly Role[]): Role {
  return (["risk", "trader", "viewer"] as const).find((r) => roles.includes(r)) ?? "viewer";
}

/** A role's default layout ("Reset layout" returns to it): one panel per type, id = type, arranged. */
export function roleDefaultLayout(role: Role): WorkspaceLayout {
  const dock = roleDocks[role];
  return {
    name: "Default",
    role,
    panels: panelTypesOf(dock.root).map((type) =>
      LINKED_PANEL_TYPES.has(type) ? { id: type, type, linkGroup: "blue" as const } : { id: type, type },
    ),
    dock: structuredClone(dock),
  };
}
