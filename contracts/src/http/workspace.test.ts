import { describe, expect, it } from "vitest";
import { DOCK_MAX_DEPTH, workspaceSchema, type Workspace } from "./workspace.ts";

const ws: Workspace = {
  schemaVersion: 3,
  revision: 0,
  layouts: [
    { name: "Default", panels: [{ id: "chart-1", type: "chart", asset: "PETR4:B", linkGroup: "red" }] },
  ],
  watchlists: [{ name: "Main", assets: ["PETR4:B"] }],
  activeLayout: "Default",
  activeWatchlist: "Main",
  preferences: { locale: "pt-BR", theme: "system" },
};
const fieldOf = (value: unknown) => {
  const r = workspaceSchema.safeParse(value);
  return r.success ? null : r.error.issues[0]?.path.join(".");
};

describe("workspaceSchema", () => {
  it("accepts a valid workspace, chart panels included", () => {
    expect(workspaceSchema.parse(ws)).toEqual(ws);
  });

  it("names the field of a duplicate name, panel id or asset", () => {
    expect(fieldOf({ ...ws, watchlists: [...ws.watchlists, { name: "Main", assets: [] }] })).toBe(
      "watchlists.1.name",
    );
    const panel = { id: "p", type: "chart" };
    expect(fieldOf({ ...ws, layouts: [{ name: "Default", panels: [panel, panel] }] })).toBe(
      "layouts.0.panels.1.id",
    );
    expect(fieldOf({ ...ws, watchlists: [{ name: "Main", assets: ["PETR4:B", "PETR4:B"] }] })).toBe(
      "watchlists.0.assets.1",
    );
  });

  it("accepts the Audit panel within version 3, and v3 documents saved before it still parse", () => {
    const withAudit = {
      ...ws,
      layouts: [{ name: "Default", panels: [...ws.layouts[0]!.panels, { id: "audit", type: "audit" }] }],
    };
    expect(workspaceSchema.parse(withAudit).schemaVersion).toBe(3);
    expect(workspaceSchema.parse(ws)).toEqual(ws);
  });

  it("names an unknown panel type, a bad asset and an older schemaVersion", () => {
    expect(fieldOf({ ...ws, layouts: [{ name: "Default", panels: [{ id: "x", type: "excel" }] }] })).toBe(
      "layouts.0.panels.0.type",
    );
    expect(fieldOf({ ...ws, watchlists: [{ name: "Main", assets: ["petr4"] }] })).toBe(
      "watchlists.0.assets.0",
    );
    expect(fieldOf({ ...ws, schemaVersion: 1 })).toBe("schemaVersion");
  });

  it("accepts a dock arrangement of the layout's panels", () => {
    const layout = {
      name: "Default",
      panels: [
        { id: "chart", type: "chart" },
        { id: "chart-2", type: "chart" },
        { id: "watchlist", type: "watchlist" },
      ],
      dock: {
        orientation: "horizontal",
        root: {
          type: "branch",
          size: 1440,
          children: [
            { type: "leaf", size: 300, panels: ["watchlist"] },
            { type: "leaf", size: 1140, panels: ["chart", "chart-2"], active: "chart-2" },
          ],
        },
      },
    };
    expect(workspaceSchema.parse({ ...ws, layouts: [layout] }).layouts[0]).toEqual(layout);
  });

  it("names a dock leaf that places an unknown panel, a panel twice, or a foreign active tab", () => {
    const panels = [
      { id: "a", type: "chart" },
      { id: "b", type: "watchlist" },
    ];
    const dockOf = (...leaves: object[]) => ({
      ...ws,
      layouts: [
        {
          name: "Default",
          panels,
          dock: { orientation: "vertical", root: { type: "branch", size: 1, children: leaves } },
        },
      ],
    });
    expect(fieldOf(dockOf({ type: "leaf", size: 1, panels: ["a", "zz"] }))).toBe(
      "layouts.0.dock.root.children.0.panels.1",
    );
    expect(
      fieldOf(
        dockOf({ type: "leaf", size: 1, panels: ["a"] }, { type: "leaf", size: 1, panels: ["b", "a"] }),
      ),
    ).toBe("layouts.0.dock.root.children.1.panels.1");
    expect(fieldOf(dockOf({ type: "leaf", size: 1, panels: ["a"], active: "b" }))).toBe(
      "layouts.0.dock.root.children.0.active",
    );
    expect(fieldOf(dockOf({ type: "leaf", size: 1, panels: [] }))).toBe(
      "layouts.0.dock.root.children.0.panels",
    );
  });

  it("refuses a dock nested deeper than DOCK_MAX_DEPTH", () => {
    let node: object = { type: "leaf", size: 1, panels: ["a"] };
    for (let i = 0; i < DOCK_MAX_DEPTH; i++) node = { type: "branch", size: 1, children: [node] };
    const layout = {
      name: "Default",
      panels: [{ id: "a", type: "chart" }],
      dock: { orientation: "horizontal", root: node },
    };
    expect(fieldOf({ ...ws, layouts: [layout] })).toMatch(/^layouts\.0\.dock\.root(\.children\.0)+$/);
  });
});
