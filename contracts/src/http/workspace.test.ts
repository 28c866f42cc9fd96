import { describe, expect, it } from "vitest";
import { workspaceSchema, type Workspace } from "./workspace.ts";

const ws: Workspace = {
  schemaVersion: 2,
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

  it("names an unknown panel type, a bad asset and an older schemaVersion", () => {
    expect(fieldOf({ ...ws, layouts: [{ name: "Default", panels: [{ id: "x", type: "excel" }] }] })).toBe(
      "layouts.0.panels.0.type",
    );
    expect(fieldOf({ ...ws, watchlists: [{ name: "Main", assets: ["petr4"] }] })).toBe(
      "watchlists.0.assets.0",
    );
    expect(fieldOf({ ...ws, schemaVersion: 1 })).toBe("schemaVersion");
  });
});
