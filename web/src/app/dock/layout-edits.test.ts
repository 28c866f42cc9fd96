import { describe, expect, it } from "vitest";
import { roleDefaultLayout, type DockLayout, type Workspace } from "@pregao/contracts";
import { placedIds } from "./dock-geometry.ts";
import { withDock, withPanelAdded, withRoleDefault } from "./layout-edits.ts";

const ws: Workspace = {
  schemaVersion: 3,
  revision: 4,
  layouts: [
    {
      name: "Mine",
      panels: [
        { id: "chart", type: "chart", linkGroup: "blue" },
        { id: "blotter", type: "blotter" },
        { id: "risk", type: "risk" },
      ],
    },
  ],
  watchlists: [{ name: "Main", assets: [] }],
  activeLayout: "Mine",
  activeWatchlist: "Main",
  preferences: {},
};
const shown: DockLayout = {
  orientation: "horizontal",
  root: {
    type: "branch",
    size: 900,
    children: [
      { type: "leaf", size: 1000, panels: ["chart"] },
      { type: "leaf", size: 600, panels: ["blotter"] },
    ],
  },
};

describe("layout edits", () => {
  it("saves the arrangement and drops closed panels, keeping ones this session cannot see", () => {
    const dock: DockLayout = {
      orientation: "horizontal",
      root: { type: "leaf", size: 900, panels: ["chart"] },
    };
    const next = withDock(dock, new Set(["risk"]))(ws);
    expect(next.layouts[0]).toMatchObject({
      dock,
      panels: [ws.layouts[0]!.panels[0], ws.layouts[0]!.panels[2]],
    });
  });

  it("adds a second chart as a tab beside the first, and a new type as a column", () => {
    const two = withPanelAdded({ id: "chart-2", type: "chart" }, shown)(ws).layouts[0]!;
    expect(two.dock?.root).toMatchObject({
      children: [{ panels: ["chart", "chart-2"], active: "chart-2" }, { panels: ["blotter"] }],
    });
    const added = withPanelAdded({ id: "positions", type: "positions" }, shown)(ws).layouts[0]!;
    expect(placedIds(added.dock!.root)).toEqual(["chart", "blotter", "positions"]);
    expect(added.panels.map((p) => p.id)).toEqual(["chart", "blotter", "risk", "positions"]);
  });

  it("resets the active layout to the role default under its own name", () => {
    const next = withRoleDefault("viewer")(ws);
    expect(next.layouts[0]).toEqual({ ...roleDefaultLayout("viewer"), name: "Mine" });
    expect(next.revision).toBe(4);
  });
});
