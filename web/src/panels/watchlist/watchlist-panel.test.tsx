import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WORKSPACE_SCHEMA_VERSION, type Workspace } from "@pregao/contracts";
import WatchlistPanel from "./index.tsx";

const ws = (revision: number, assets: string[]): Workspace => ({
  schemaVersion: WORKSPACE_SCHEMA_VERSION,
  revision,
  layouts: [{ name: "Default", role: "viewer", panels: [{ id: "watchlist", type: "watchlist" }] }],
  watchlists: [{ name: "Main", assets }],
  activeLayout: "Default",
  activeWatchlist: "Main",
  preferences: {},
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A fake BFF: the workspace (GET/PUT with optimistic concurrency), instruments by lookup; records every PUT. */
let stored: Workspace;
let puts: Workspace[];
let failPuts: number;
function fakeBff(url: string, init?: RequestInit): Promise<Response> {
  if (url === "/api/v1/workspace" && init?.method === "PUT") {
    const body = JSON.parse(String(init.body)) as Workspace;
    puts.push(body);
    if (failPuts-- > 0)
      return Promise.resolve(json(503, { error: { code: "UPSTREAM_UNAVAILABLE", message: "down" } }));
    if (body.revision !== stored.revision)
      return Promise.resolve(
        json(409, { error: { code: "WORKSPACE_CONFLICT", message: "stale", details: { current: stored } } }),
      );
    stored = { ...body, revision: stored.revision + 1 };
    return Promise.resolve(json(200, stored));
  }
  if (url === "/api/v1/workspace") return Promise.resolve(json(200, stored));
  if (url.startsWith("/api/v1/instruments")) {
    const assets = new URL(url, "http://x").searchParams.get("assets")?.split(",") ?? [];
    const instruments = assets.map((asset) => ({ asset, name: asset, description: asset, tickSize: 0.01 }));
    return Promise.resolve(json(200, { instruments, nextCursor: null }));
  }
  return Promise.resolve(json(404, { error: { code: "NOT_FOUND", message: url } }));
}

const SLOW = { timeout: 5000 };
beforeEach(() => {
  stored = ws(1, ["PETR4:B", "VALE3:B"]);
  puts = [];
  failPuts = 0;
  vi.stubGlobal("fetch", vi.fn(fakeBff));
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <WatchlistPanel />
    </QueryClientProvider>,
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const row = (asset: string) => screen.queryByRole("row", { name: new RegExp(asset) });

describe("watchlist panel (server-side workspace)", () => {
  it("shows the workspace's list and saves a removal with the revision it read", async () => {
    await waitFor(() => expect(row("VALE3:B")).not.toBeNull(), SLOW);
    fireEvent.click(screen.getByRole("button", { name: "Remove PETR4:B" }));
    expect(row("PETR4:B")).toBeNull(); // shown at once, saved debounced
    await waitFor(() => expect(stored.revision).toBe(2), SLOW);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ revision: 1, watchlists: [{ name: "Main", assets: ["VALE3:B"] }] });
  });

  it("on 409 loads the other tab's list and re-applies the removal on top of it", async () => {
    await waitFor(() => expect(row("VALE3:B")).not.toBeNull(), SLOW);
    stored = ws(4, ["PETR4:B", "VALE3:B", "WEGE3:B"]); // another tab added WEGE3 meanwhile
    fireEvent.click(screen.getByRole("button", { name: "Remove PETR4:B" }));
    await waitFor(() => expect(stored.revision).toBe(5), SLOW);
    expect(puts.map((p) => p.revision)).toEqual([1, 4]);
    expect(stored.watchlists[0]!.assets).toEqual(["VALE3:B", "WEGE3:B"]);
    await waitFor(() => expect(row("WEGE3:B")).not.toBeNull(), SLOW);
    expect(row("PETR4:B")).toBeNull();
  });

  it("says 'Watchlist not saved — retrying' when a save fails, and the retry saves it", async () => {
    await waitFor(() => expect(row("VALE3:B")).not.toBeNull(), SLOW);
    failPuts = 1;
    fireEvent.click(screen.getByRole("button", { name: "Remove PETR4:B" }));
    expect(await screen.findByText("Watchlist not saved — retrying", {}, SLOW)).toBeTruthy();
    await waitFor(() => expect(stored.revision).toBe(2), SLOW);
    await waitFor(() => expect(screen.queryByText("Watchlist not saved — retrying")).toBeNull(), SLOW);
    expect(stored.watchlists[0]!.assets).toEqual(["VALE3:B"]);
  });

  it("creates a named list, shows it, and switches back (outside a docked panel: the active list)", async () => {
    await waitFor(() => expect(row("VALE3:B")).not.toBeNull(), SLOW);
    expect(screen.getByRole("button", { name: "Delete list" })).toHaveProperty("disabled", true);
    fireEvent.click(screen.getByRole("button", { name: "New list" }));
    const name = screen.getByRole("textbox", { name: "List name" });
    fireEvent.change(name, { target: { value: "Main" } });
    const form = screen.getByRole("form", { name: "New watchlist" });
    expect(within(form).getByRole("alert").textContent).toBe("A list named “Main” already exists");
    fireEvent.change(name, { target: { value: " Futuros " } });
    fireEvent.submit(name);
    const select = screen.getByRole("combobox", { name: "Watchlist" }) as HTMLSelectElement;
    expect(select.value).toBe("Futuros");
    expect(row("VALE3:B")).toBeNull();
    await waitFor(() => expect(stored.revision).toBe(2), SLOW);
    expect(stored).toMatchObject({
      activeWatchlist: "Futuros",
      watchlists: [
        { name: "Main", assets: ["PETR4:B", "VALE3:B"] },
        { name: "Futuros", assets: [] },
      ],
    });
    fireEvent.change(select, { target: { value: "Main" } });
    await waitFor(() => expect(row("VALE3:B")).not.toBeNull(), SLOW);
    expect(select.value).toBe("Main");
  });
});
