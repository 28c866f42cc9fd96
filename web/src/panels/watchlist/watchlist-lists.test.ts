import { describe, expect, it } from "vitest";
import { WORKSPACE_LIMITS, WORKSPACE_SCHEMA_VERSION, type Workspace } from "@pregao/contracts";
import { listNameProblem, withDeletedList, withNewList, withRenamedList } from "./watchlist-lists.ts";
import { listAssets, shownListName, withAsset, withoutAsset } from "./watchlist-store.ts";

const ws = (): Workspace => ({
  schemaVersion: WORKSPACE_SCHEMA_VERSION,
  revision: 1,
  layouts: [
    {
      name: "Trading",
      panels: [
        { id: "wl", type: "watchlist" },
        { id: "wl-2", type: "watchlist", watchlist: "Futuros" },
      ],
    },
    { name: "Other", panels: [{ id: "wl", type: "watchlist", watchlist: "Futuros" }] },
  ],
  watchlists: [
    { name: "Main", assets: ["PETR4:B"] },
    { name: "Futuros", assets: ["WINZ26:F"] },
  ],
  activeLayout: "Trading",
  activeWatchlist: "Main",
  preferences: {},
});

describe("named watchlists", () => {
  it("a panel shows its own list, else the active one (also when its list is gone)", () => {
    expect(shownListName(ws(), "Futuros")).toBe("Futuros");
    expect(shownListName(ws(), undefined)).toBe("Main");
    expect(shownListName(ws(), "Deleted")).toBe("Main");
  });

  it("add and remove act on the named list only", () => {
    const added = withAsset("DOLF27:F", "Futuros")(ws());
    expect(listAssets(added, "Futuros")).toEqual(["WINZ26:F", "DOLF27:F"]);
    expect(listAssets(added, "Main")).toEqual(["PETR4:B"]);
    expect(listAssets(withoutAsset("PETR4:B")(ws()), "Main")).toEqual([]);
  });

  it("validates names: empty, too long, duplicate, too many lists; a rename may keep its name", () => {
    const w = ws();
    expect(listNameProblem(w, "  ")).toBe("empty");
    expect(listNameProblem(w, "x".repeat(WORKSPACE_LIMITS.nameLength + 1))).toBe("tooLong");
    expect(listNameProblem(w, " Futuros ")).toBe("duplicate");
    expect(listNameProblem(w, "Futuros", "Futuros")).toBeNull();
    expect(listNameProblem(w, "Main", "Futuros")).toBe("duplicate");
    const full = {
      ...w,
      watchlists: Array.from({ length: WORKSPACE_LIMITS.watchlists }, (_, i) => ({
        name: `L${i}`,
        assets: [],
      })),
    };
    expect(listNameProblem(full, "One more")).toBe("tooMany");
    expect(listNameProblem(full, "Renamed", "L0")).toBeNull();
  });

  it("a new list is shown in the panel that made it (or becomes active outside one); a taken name adds nothing", () => {
    const inPanel = withNewList(" Bancos ", "wl")(ws());
    expect(inPanel.watchlists.at(-1)).toEqual({ name: "Bancos", assets: [] });
    expect(inPanel.layouts[0]!.panels[0]).toEqual({ id: "wl", type: "watchlist", watchlist: "Bancos" });
    expect(inPanel.activeWatchlist).toBe("Main");
    expect(withNewList("Bancos")(ws()).activeWatchlist).toBe("Bancos");
    const w = ws();
    expect(withNewList("Main", "wl")(w)).toBe(w);
  });

  it("a rename follows into the active list and every panel showing it, in every layout", () => {
    const w = withRenamedList("Futuros", "Índices")(ws());
    expect(w.watchlists.map((l) => l.name)).toEqual(["Main", "Índices"]);
    expect(w.layouts[0]!.panels[1]!.watchlist).toBe("Índices");
    expect(w.layouts[1]!.panels[0]!.watchlist).toBe("Índices");
    expect(withRenamedList("Main", "Top")(ws()).activeWatchlist).toBe("Top");
    const same = ws();
    expect(withRenamedList("Main", "Futuros")(same)).toBe(same);
  });

  it("deleting moves the active list and the panels that showed it; the last list stays", () => {
    const w = withDeletedList("Main")(ws());
    expect(w.watchlists.map((l) => l.name)).toEqual(["Futuros"]);
    expect(w.activeWatchlist).toBe("Futuros");
    const v = withDeletedList("Futuros")(ws());
    expect(v.layouts[0]!.panels[1]).toEqual({ id: "wl-2", type: "watchlist" });
    expect(v.layouts[1]!.panels[0]).toEqual({ id: "wl", type: "watchlist" });
    const last = withDeletedList("Futuros")(ws());
    expect(withDeletedList("Main")(last)).toBe(last);
  });
});
