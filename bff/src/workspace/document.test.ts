import { describe, expect, it } from "vitest";
import { WORKSPACE_SCHEMA_VERSION, workspaceDocumentSchema } from "@pregao/contracts";
import {
  DEFAULT_ASSETS,
  defaultWorkspace,
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

  it("returns a current document as it is", () => {
    const ws = { ...defaultWorkspace(["trader"]), preferences: { locale: "pt-BR" as const } };
    expect(upgradeWorkspace(ws, ["trader"])).toEqual(ws);
  });

  it("refuses an unknown version or an invalid current document", () => {
    expect(() => upgradeWorkspace({ schemaVersion: 99 }, ["trader"])).toThrow(WorkspaceDocumentError);
    expect(() => upgradeWorkspace({ foo: 1 }, ["trader"])).toThrow(WorkspaceDocumentError);
    expect(() => upgradeWorkspace({ schemaVersion: 2, layouts: [] }, ["trader"])).toThrow(
      WorkspaceDocumentError,
    );
  });
});
