import { describe, expect, it } from "vitest";
import type { DockLayout, WorkspacePanel } from "@pregao/contracts";
import type { SerializedDockview } from "dockview";
import {
  arrangementFor,
  arrangementKey,
  defaultArrangement,
  fromDockview,
  placedIds,
  sameArrangement,
  toDockview,
} from "./dock-geometry.ts";

const panels: WorkspacePanel[] = [
  { id: "watchlist", type: "watchlist", linkGroup: "blue" },
  { id: "chart", type: "chart" },
  { id: "chart-2", type: "chart" },
  { id: "blotter", type: "blotter" },
  { id: "positions", type: "positions" },
];
const dock: DockLayout = {
  orientation: "vertical",
  root: {
    type: "branch",
    size: 1900,
    children: [
      {
        type: "branch",
        size: 640,
        children: [
          { type: "leaf", size: 400, panels: ["watchlist"] },
          { type: "leaf", size: 1500, panels: ["chart", "chart-2"], active: "chart-2" },
        ],
      },
      { type: "leaf", size: 400, panels: ["blotter", "positions"], active: "positions" },
    ],
  },
};
const title = (p: WorkspacePanel) => p.id.toUpperCase();
const top = (dock.root as { children: DockLayout["root"][] }).children[0]!;

describe("dock geometry", () => {
  it("round-trips through dockview's serialized form", () => {
    const serialized = toDockview(dock, panels, title);
    expect(serialized.grid).toMatchObject({ width: 1900, height: 1040, orientation: "VERTICAL" });
    expect(serialized.panels["chart-2"]).toMatchObject({ id: "chart-2", title: "CHART-2" });
    expect(fromDockview(serialized)).toEqual(dock);
  });

  it("folds popped-out and floating groups back into the first group", () => {
    const serialized = toDockview(
      { ...dock, root: { type: "branch", size: 1900, children: [top] } },
      panels,
      title,
    ) as SerializedDockview;
    serialized.popoutGroups = [{ data: { id: "p", views: ["blotter"] }, position: null }];
    serialized.floatingGroups = [
      { data: { id: "f", views: ["positions"] }, position: { top: 0, left: 0, width: 1, height: 1 } },
    ];
    const back = fromDockview(serialized)!;
    expect(placedIds(back.root)).toEqual(["watchlist", "blotter", "positions", "chart", "chart-2"]);
  });

  it("rounds sizes and drops empty groups", () => {
    const s = toDockview(dock, panels, title);
    const root = s.grid.root as { data: { size?: number; data: unknown }[] };
    root.data[1] = { ...root.data[1]!, size: 399.6, data: { id: "g9", views: [] } };
    expect(fromDockview(s)?.root).toEqual({
      type: "branch",
      size: 1900,
      children: [(dock.root as { children: unknown[] }).children[0]],
    });
  });

  it("arranges a layout without dock by default, every panel once", () => {
    const d = arrangementFor(undefined, panels)!;
    expect(d).toEqual(defaultArrangement(panels));
    expect(placedIds(d.root).sort()).toEqual(panels.map((p) => p.id).sort());
    expect(arrangementFor(undefined, [])).toBeNull();
  });

  it("skips panels this session may not see and adds panels the arrangement lacks", () => {
    const visible = panels.filter((p) => p.id !== "blotter").concat({ id: "accounts", type: "accounts" });
    const d = arrangementFor(dock, visible)!;
    expect(placedIds(d.root)).toEqual(["watchlist", "accounts", "chart", "chart-2", "positions"]);
  });

  it("falls back to the default arrangement for a malformed dock", () => {
    const twice: DockLayout = {
      orientation: "horizontal",
      root: {
        type: "branch",
        size: 1,
        children: [
          { type: "leaf", size: 1, panels: ["chart"] },
          { type: "leaf", size: 1, panels: ["chart"] },
        ],
      },
    };
    expect(arrangementFor(twice, panels)).toEqual(defaultArrangement(panels));
    const foreign: DockLayout = {
      orientation: "horizontal",
      root: { type: "leaf", size: 1, panels: ["ghost"] },
    };
    expect(arrangementFor(foreign, panels)).toEqual(defaultArrangement(panels));
    let deep: DockLayout["root"] = { type: "leaf", size: 1, panels: ["chart"] };
    for (let i = 0; i < 12; i++) deep = { type: "branch", size: 1, children: [deep] };
    expect(arrangementFor({ orientation: "vertical", root: deep }, panels)).toEqual(
      defaultArrangement(panels),
    );
  });

  it("wraps a leaf root in a branch for dockview", () => {
    const leafRoot: DockLayout = {
      orientation: "horizontal",
      root: { type: "leaf", size: 700, panels: ["chart"] },
    };
    const s = toDockview(leafRoot, panels, title);
    expect(s.grid.root.type).toBe("branch");
    expect(fromDockview(s)?.root).toEqual({
      type: "branch",
      size: 700,
      children: [{ type: "leaf", size: 700, panels: ["chart"] }],
    });
  });
});

describe("sameArrangement", () => {
  it("ignores rescaling to the window but not a moved sash or tab", () => {
    const scaled = fromDockview(toDockview(dock, panels, title))!;
    const half = (n: DockLayout["root"]): DockLayout["root"] =>
      n.type === "leaf"
        ? { ...n, size: Math.round(n.size * 0.674) }
        : { ...n, size: Math.round(n.size * 0.674), children: n.children.map(half) };
    expect(sameArrangement(dock, { ...scaled, root: half(scaled.root) })).toBe(true);
    const moved = structuredClone(dock);
    (moved.root as { children: { size: number }[] }).children[0]!.size = 500;
    expect(sameArrangement(dock, moved)).toBe(false);
    const retabbed = structuredClone(dock);
    (retabbed.root as { children: { active?: string }[] }).children[1]!.active = "blotter";
    expect(sameArrangement(dock, retabbed)).toBe(false);
    expect(sameArrangement(null, null)).toBe(true);
    expect(arrangementKey(dock)).not.toBe(arrangementKey(moved));
  });
});
