import { describe, expect, it } from "vitest";
import { WORKSPACE_SCHEMA_VERSION, type Workspace, type WorkspacePanel } from "@pregao/contracts";
import { DEFAULT_ASSET } from "../stream/selection-store.ts";
import { activeLayout, groupAsset, panelAsset, withLinkGroup, withPanelAsset } from "./link-groups.ts";

const ws = (panels: WorkspacePanel[], other: WorkspacePanel[] = []): Workspace => ({
  schemaVersion: WORKSPACE_SCHEMA_VERSION,
  revision: 3,
  layouts: [
    { name: "Trading", panels },
    { name: "Other", panels: other },
  ],
  watchlists: [{ name: "Main", assets: [] }],
  activeLayout: "Trading",
  activeWatchlist: "Main",
  preferences: {},
});

const trading = (): Workspace =>
  ws(
    [
      { id: "wl", type: "watchlist", linkGroup: "blue", asset: "PETR4:B" },
      { id: "book", type: "order-book", linkGroup: "blue", asset: "PETR4:B" },
      { id: "book-2", type: "order-book", asset: "VALE3:B" },
      { id: "chart-red", type: "chart", linkGroup: "red", asset: "ITUB4:B" },
    ],
    [{ id: "book", type: "order-book", linkGroup: "blue", asset: "BBAS3:B" }],
  );

const panels = (w: Workspace) => activeLayout(w)!.panels;
const assetOf = (w: Workspace, id: string) => panelAsset(w, id);

describe("panelAsset", () => {
  it("a linked panel shows its group's asset; an unlinked one its own", () => {
    const w = trading();
    expect(assetOf(w, "book")).toBe("PETR4:B");
    expect(assetOf(w, "book-2")).toBe("VALE3:B");
    expect(assetOf(w, "chart-red")).toBe("ITUB4:B");
  });

  it("members that disagree or lack an asset: the first member with one, else the default", () => {
    const w = ws([
      { id: "a", type: "chart", linkGroup: "green" },
      { id: "b", type: "chart", linkGroup: "green", asset: "WEGE3:B" },
      { id: "c", type: "chart", linkGroup: "green", asset: "ABEV3:B" },
      { id: "d", type: "chart", linkGroup: "yellow" },
      { id: "e", type: "chart" },
    ]);
    expect(assetOf(w, "a")).toBe("WEGE3:B");
    expect(assetOf(w, "c")).toBe("WEGE3:B");
    expect(assetOf(w, "d")).toBe(DEFAULT_ASSET);
    expect(assetOf(w, "e")).toBe(DEFAULT_ASSET);
    expect(groupAsset(undefined, "red")).toBe(DEFAULT_ASSET);
  });

  it("reads the active layout only, and falls back to the panel record outside it", () => {
    const w = { ...trading(), activeLayout: "Other" };
    expect(assetOf(w, "book")).toBe("BBAS3:B");
    expect(panelAsset(w, "gone", { id: "gone", type: "chart", asset: "B3SA3:B" })).toBe("B3SA3:B");
    expect(panelAsset(undefined, "x", { id: "x", type: "chart", linkGroup: "blue", asset: "B3SA3:B" })).toBe(
      "B3SA3:B",
    );
    expect(panelAsset(undefined, "x")).toBe(DEFAULT_ASSET);
  });
});

describe("withPanelAsset", () => {
  it("selecting in a linked panel moves every member of its group, and nothing else", () => {
    const before = trading();
    const after = withPanelAsset("wl", "WINZ26:F")(before);
    expect(panels(after).map((p) => [p.id, p.asset])).toEqual([
      ["wl", "WINZ26:F"],
      ["book", "WINZ26:F"],
      ["book-2", "VALE3:B"],
      ["chart-red", "ITUB4:B"],
    ]);
    expect(after.layouts[1]).toBe(before.layouts[1]);
    expect(before.layouts[0]!.panels[0]!.asset).toBe("PETR4:B");
  });

  it("selecting in an unlinked panel changes only that panel", () => {
    const after = withPanelAsset("book-2", "WEGE3:B")(trading());
    expect(panels(after).map((p) => p.asset)).toEqual(["PETR4:B", "PETR4:B", "WEGE3:B", "ITUB4:B"]);
  });

  it("re-applies on a newer workspace by the group the panel has there; a removed panel changes nothing", () => {
    const edit = withPanelAsset("book", "ABEV3:B");
    const newer = withLinkGroup("book", "red")(trading());
    expect(panels(edit(newer)).map((p) => p.asset)).toEqual(["PETR4:B", "ABEV3:B", "VALE3:B", "ABEV3:B"]);
    const without = ws([]);
    expect(edit(without)).toBe(without);
  });
});

describe("withLinkGroup", () => {
  it("joining a group takes the group's asset", () => {
    const after = withLinkGroup("book-2", "blue")(trading());
    expect(panels(after)[2]).toEqual({
      id: "book-2",
      type: "order-book",
      linkGroup: "blue",
      asset: "PETR4:B",
    });
  });

  it("joining an empty group keeps the panel's asset and starts the group with it", () => {
    const after = withLinkGroup("book-2", "green")(trading());
    expect(panels(after)[2]).toMatchObject({ linkGroup: "green", asset: "VALE3:B" });
  });

  it("unlinking keeps the asset the panel showed", () => {
    const w = ws([
      { id: "a", type: "chart", linkGroup: "blue", asset: "WEGE3:B" },
      { id: "b", type: "chart", linkGroup: "blue" },
    ]);
    const after = withLinkGroup("b", undefined)(w);
    expect(panels(after)[1]).toEqual({ id: "b", type: "chart", asset: "WEGE3:B" });
  });

  it("the same group or an unknown panel: the workspace unchanged", () => {
    const w = trading();
    expect(withLinkGroup("book", "blue")(w)).toBe(w);
    expect(withLinkGroup("nope", "red")(w)).toBe(w);
  });
});
