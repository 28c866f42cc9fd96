import { describe, expect, it } from "vitest";
import { type DockNode, WORKSPACE_SCHEMA_VERSION, workspaceDocumentSchema } from "@pregao/contracts";
import {
  DEFAULT_ASSETS,
  defaultLayout,
  defaultWorkspace,
  LINKED_PANEL_TYPES,
  primaryRole,
  upgradeWorkspace,
  WorkspaceDocumentError,
} from "./document.ts";

describe("defaultWorkspace", () => {
  it("gives each role its own default layout, valid against the contract", () => {
    for (const role of ["trader", "risk", "viewer"] as const) {
      const ws = defaultWorkspace([role]);
      expect(workspaceDocumentSchema.parse(ws)).toEqual(ws);
      expect(ws.layouts[0]?.role).toBe(role);
      expect(ws.watchlists).toEqual([{ name: "Main", assets: DEFAULT_ASSETS }]);
    }
    const types = (role: "trader" | "risk" | "viewer") =>
      defaultWorkspace([role]).layouts[0]!.panels.map((p) => p.type);
    expect(types("viewer")).not.toContain("order-ticket");
    expect(types("trader")).toContain("order-ticket");
    expect(types("risk")).toContain("risk");
  });

  it("arranges every panel of each role's default exactly once, linked panels in the blue group", () => {
    for (const role of ["trader", "risk", "viewer"] as const) {
      const layout = defaultWorkspace([role]).layouts[0]!;
      expect(layout.dock).toBeDefined();
      const placed: string[] = [];
      const walk = (n: DockNode): void => {
        if (n.type === "leaf") placed.push(...n.panels);
        else n.children.forEach(walk);
      };
      walk(layout.dock!.root);
      expect(placed.sort()).toEqual(layout.panels.map((p) => p.id).sort());
      for (const p of layout.panels)
        expect(p.linkGroup).toBe(LINKED_PANEL_TYPES.has(p.type) ? "blue" : undefined);
    }
    expect(defaultLayout("trader")).toEqual(defaultWorkspace(["trader"]).layouts[0]);
  });

  it("picks the most capable role a user holds", () => {
    expect(primaryRole(["viewer", "trader"])).toBe("trader");
    expect(primaryRole(["trader", "risk"])).toBe("risk");
  });
});

describe("upgradeWorkspace", () => {
  it("v1 → v2: the single unnamed list becomes the watchlist 'Main', with the role's default layout", () => {
    const v1 = { schemaVersion: 1, watchlist: ["VALE3:B", "bogus", "PETR4:B", "VALE3:B"] };
    const ws = upgradeWorkspace(v1, ["viewer"]);
    expect(ws.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(ws.watchlists).toEqual([{ name: "Main", assets: ["VALE3:B", "PETR4:B"] }]);
    expect(ws.activeWatchlist).toBe("Main");
    expect(ws.layouts).toEqual(defaultWorkspace(["viewer"]).layouts);
  });

  it("v1 as the browser stored it (a bare array) upgrades too", () => {
    expect(upgradeWorkspace(["WINZ26:F"], ["trader"]).watchlists[0]?.assets).toEqual(["WINZ26:F"]);
  });

  it("v2 → v3: linked panel types without a group or asset join blue; others are left as they were", () => {
    const v2 = {
      schemaVersion: 2,
      layouts: [
        {
          name: "Mine",
          panels: [
            { id: "watchlist", type: "watchlist" },
            { id: "chart", type: "chart", asset: "VALE3:B" },
            { id: "chart-2", type: "chart", linkGroup: "red" },
            { id: "order-book", type: "order-book" },
            { id: "blotter", type: "blotter" },
          ],
        },
      ],
      watchlists: [{ name: "Main", assets: ["PETR4:B"] }],
      activeLayout: "Mine",
      activeWatchlist: "Main",
      preferences: {},
    };
    const ws = upgradeWorkspace(v2, ["trader"]);
    expect(ws.schemaVersion).toBe(3);
    expect(ws.layouts[0]?.panels).toEqual([
      { id: "watchlist", type: "watchlist", linkGroup: "blue" },
      { id: "chart", type: "chart", asset: "VALE3:B" },
      { id: "chart-2", type: "chart", linkGroup: "red" },
      { id: "order-book", type: "order-book", linkGroup: "blue" },
      { id: "blotter", type: "blotter" },
    ]);
    expect(ws.layouts[0]?.dock).toBeUndefined();
  });

  it("v1 → v3 in two steps keeps the role's arranged default", () => {
    expect(upgradeWorkspace(["PETR4:B"], ["risk"]).layouts).toEqual(defaultWorkspace(["risk"]).layouts);
  });

  it("returns a current document as it is", () => {
    const ws = { ...defaultWorkspace(["trader"]), preferences: { locale: "pt-BR" as const } };
    expect(upgradeWorkspace(ws, ["trader"])).toEqual(ws);
  });

  it("leaves out panel types a newer release added (rolling deploy), with their layout's arrangement", () => {
    const ws = defaultWorkspace(["risk"]);
    const layout = ws.layouts[0]!;
    const newer = {
      ...ws,
      layouts: [{ ...layout, panels: [...layout.panels, { id: "hm", type: "heatmap" }] }],
    };
    const read = upgradeWorkspace(newer, ["risk"]);
    expect(read.layouts[0]!.panels).toEqual(layout.panels);
    expect(read.layouts[0]!.dock).toBeUndefined();
    expect(upgradeWorkspace(ws, ["risk"]).layouts[0]!.dock).toEqual(layout.dock); // untouched without one
  });

  it("refuses an unknown version or an invalid current document", () => {
    expect(() => upgradeWorkspace({ schemaVersion: 99 }, ["trader"])).toThrow(WorkspaceDocumentError);
    expect(() => upgradeWorkspace({ foo: 1 }, ["trader"])).toThrow(WorkspaceDocumentError);
    expect(() => upgradeWorkspace({ schemaVersion: 3, layouts: [] }, ["trader"])).toThrow(
      WorkspaceDocumentError,
    );
  });
});
