import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WORKSPACE_SCHEMA_VERSION, type Workspace, type WorkspacePanel } from "@pregao/contracts";
import { workspaceKeys, workspaceSaverFor } from "../lib/workspace.ts";
import { useSelectionStore } from "../stream/selection-store.ts";
import { LinkGroupPicker } from "./link-group-picker.tsx";
import { useIsPanelAsset, usePanelAsset, useSelectPanelAsset } from "./link-groups.ts";
import { PanelInstanceProvider } from "./panel-instance.tsx";

const PANELS: WorkspacePanel[] = [
  { id: "wl", type: "watchlist", linkGroup: "blue", asset: "PETR4:B" },
  { id: "book", type: "order-book", linkGroup: "blue", asset: "PETR4:B" },
  { id: "book-2", type: "order-book", asset: "VALE3:B" },
];
const workspace: Workspace = {
  schemaVersion: WORKSPACE_SCHEMA_VERSION,
  revision: 1,
  layouts: [{ name: "Trading", panels: PANELS }],
  watchlists: [{ name: "Main", assets: [] }],
  activeLayout: "Trading",
  activeWatchlist: "Main",
  preferences: {},
};

const renders = new Map<string, number>();
const count = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1);

function Shown({ label }: { label: string }) {
  const { asset } = usePanelAsset();
  count(label);
  return <output aria-label={label}>{asset}</output>;
}

/** A watchlist row's two hooks: whether it is the shown asset, and select. */
function Row({ asset }: { asset: string }) {
  const selected = useIsPanelAsset(asset);
  const select = useSelectPanelAsset();
  count(`row ${asset}`);
  return (
    <button type="button" aria-pressed={selected} onClick={() => select(asset)}>
      {asset}
    </button>
  );
}

let qc: QueryClient;
const inPanel = (id: string, children: ReactNode) => (
  <PanelInstanceProvider panel={PANELS.find((p) => p.id === id)!}>{children}</PanelInstanceProvider>
);

beforeEach(() => {
  renders.clear();
  qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(workspaceKeys.current, workspace);
  workspaceSaverFor(qc, {
    debounceMs: 60_000, // the view applies edits at once; the save is not what these tests look at
    retryDelayMs: () => 60_000,
    put: (ws) => Promise.resolve(ws),
  });
  render(
    <QueryClientProvider client={qc}>
      {inPanel(
        "wl",
        ["PETR4:B", "VALE3:B", "ITUB4:B", "WEGE3:B"].map((a) => <Row key={a} asset={a} />),
      )}
      {inPanel("book", <Shown label="book" />)}
      {inPanel(
        "book-2",
        <>
          <Shown label="book-2" />
          <LinkGroupPicker panelId="book-2" />
        </>,
      )}
      <Shown label="outside" />
    </QueryClientProvider>,
  );
});
afterEach(cleanup);

const shown = (label: string) => screen.getByRole("status", { name: label }).textContent;

describe("usePanelAsset in docked panels", () => {
  it("a click in a linked panel moves its group at once; the unlinked panel and the rest keep still", () => {
    expect([shown("book"), shown("book-2"), shown("outside")]).toEqual(["PETR4:B", "VALE3:B", "PETR4:B"]);
    const before = new Map(renders);
    fireEvent.click(screen.getByRole("button", { name: "ITUB4:B" }));
    expect(shown("book")).toBe("ITUB4:B");
    expect(shown("book-2")).toBe("VALE3:B");
    expect(screen.getByRole("button", { name: "ITUB4:B" }).getAttribute("aria-pressed")).toBe("true");
    // Only the two rows whose answer flipped and the group's book re-rendered.
    const again = [...renders].filter(([k, n]) => before.get(k) !== n).map(([k]) => k);
    expect(again.sort()).toEqual(["book", "row ITUB4:B", "row PETR4:B"]);
  });

  it("outside a docked panel the global selection is used, and a panel's selection does not touch it", () => {
    act(() => useSelectionStore.getState().select("WEGE3:B"));
    expect(shown("outside")).toBe("WEGE3:B");
    expect(shown("book")).toBe("PETR4:B");
    fireEvent.click(screen.getByRole("button", { name: "VALE3:B" }));
    expect(shown("outside")).toBe("WEGE3:B");
  });

  it("the picker names the group and joining blue takes the group's asset", () => {
    fireEvent.click(screen.getByRole("button", { name: "ITUB4:B" }));
    const button = screen.getByRole("button", { name: "Link group: none" });
    expect(button.textContent).toContain("none");
    fireEvent.click(button);
    const menu = screen.getByRole("menu", { name: "Link group" });
    expect(document.activeElement?.textContent).toBe("none");
    fireEvent.click(screen.getByRole("menuitemradio", { name: "blue" }));
    expect(menu.isConnected).toBe(false);
    expect(screen.getByRole("button", { name: "Link group: blue" })).toBeTruthy();
    expect(shown("book-2")).toBe("ITUB4:B");
    fireEvent.click(screen.getByRole("button", { name: "WEGE3:B" }));
    expect(shown("book-2")).toBe("WEGE3:B");
  });
});
