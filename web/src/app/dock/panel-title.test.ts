import { describe, expect, it } from "vitest";
import type { WorkspacePanel } from "@pregao/contracts";
import { nextPanelId, panelTitle } from "./panel-title.ts";

const panel = (id: string, type: WorkspacePanel["type"] = "chart"): WorkspacePanel => ({ id, type });

describe("panelTitle", () => {
  it("names the first instance by its type, and numbers the others as their id does", () => {
    expect(panelTitle(panel("chart"), "Chart")).toBe("Chart");
    expect(panelTitle(panel("chart-2"), "Chart")).toBe("Chart 2");
    expect(panelTitle(panel("chart-12"), "Chart")).toBe("Chart 12");
  });

  it("shows an id that is not `<type>-<n>` in brackets, so two panels never share a title", () => {
    expect(panelTitle(panel("mine"), "Chart")).toBe("Chart (mine)");
    // Another type's numbering, or a suffix that is not a number, is not this type's instance number.
    expect(panelTitle(panel("order-book-2"), "Chart")).toBe("Chart (order-book-2)");
    expect(panelTitle(panel("chart-x"), "Chart")).toBe("Chart (chart-x)");
  });
});

describe("nextPanelId", () => {
  it("uses the type itself first, then the lowest free number from 2", () => {
    expect(nextPanelId([], "chart")).toBe("chart");
    expect(nextPanelId([panel("chart")], "chart")).toBe("chart-2");
    expect(nextPanelId([panel("chart"), panel("chart-2"), panel("chart-4")], "chart")).toBe("chart-3");
  });

  it("takes the bare type back when only numbered instances are left, and ignores other types' ids", () => {
    expect(nextPanelId([panel("chart-2")], "chart")).toBe("chart");
    expect(nextPanelId([panel("watchlist", "watchlist"), panel("chart")], "watchlist")).toBe("watchlist-2");
  });

  it("gives ids whose titles are all different", () => {
    const panels: WorkspacePanel[] = [];
    for (let i = 0; i < 5; i++) panels.push(panel(nextPanelId(panels, "chart")));
    const titles = panels.map((p) => panelTitle(p, "Chart"));
    expect(titles).toEqual(["Chart", "Chart 2", "Chart 3", "Chart 4", "Chart 5"]);
  });
});
