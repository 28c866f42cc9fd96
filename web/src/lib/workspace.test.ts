import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Workspace } from "@pregao/contracts";
import { saveWorkspace, workspaceKeys, WorkspaceSaver } from "./workspace.ts";

const ws = (revision: number, assets: string[]): Workspace => ({
  schemaVersion: 3,
  revision,
  layouts: [{ name: "Default", role: "trader", panels: [{ id: "watchlist", type: "watchlist" }] }],
  watchlists: [{ name: "Main", assets }],
  activeLayout: "Default",
  activeWatchlist: "Main",
  preferences: {},
});
const add = (asset: string) => (w: Workspace) => ({
  ...w,
  watchlists: [{ name: "Main", assets: [...w.watchlists[0]!.assets.filter((a) => a !== asset), asset] }],
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

/** A fake BFF holding one workspace: PUT from the stored revision saves (revision + 1), else 409 with current. */
let stored: Workspace;
let puts: Workspace[];
let failNext: Response[];
function fakeFetch(_url: string, init?: RequestInit): Promise<Response> {
  const body = JSON.parse(String(init?.body)) as Workspace;
  puts.push(body);
  const failure = failNext.shift();
  if (failure) return Promise.resolve(failure);
  if (body.revision !== stored.revision)
    return Promise.resolve(
      json(409, {
        error: {
          code: "WORKSPACE_CONFLICT",
          message: "stale",
          field: "revision",
          details: { current: stored },
        },
      }),
    );
  stored = { ...body, revision: stored.revision + 1 };
  return Promise.resolve(json(200, stored));
}

let qc: QueryClient;
let saver: WorkspaceSaver;
const cached = () => qc.getQueryData<Workspace>(workspaceKeys.current)!;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("fetch", vi.fn(fakeFetch));
  stored = ws(1, ["PETR4:B"]);
  puts = [];
  failNext = [];
  qc = new QueryClient();
  qc.setQueryData(workspaceKeys.current, stored);
  saver = new WorkspaceSaver(qc, { debounceMs: 100, retryDelayMs: (n) => 1000 * n, put: saveWorkspace });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("WorkspaceSaver", () => {
  it("shows edits at once and saves them together, debounced, with the revision it read", async () => {
    saver.edit(add("VALE3:B"));
    saver.edit(add("ITUB4:B"));
    expect(saver.view(cached()).watchlists[0]!.assets).toEqual(["PETR4:B", "VALE3:B", "ITUB4:B"]);
    await vi.advanceTimersByTimeAsync(99);
    expect(puts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.revision).toBe(1);
    expect(cached()).toEqual(ws(2, ["PETR4:B", "VALE3:B", "ITUB4:B"]));
    expect(saver.getSnapshot().status).toBe("idle");
    expect(saver.view(cached())).toEqual(cached());
  });

  it("on 409 takes the server's workspace and saves the pending edit again on top of it", async () => {
    stored = ws(5, ["WEGE3:B"]); // another tab saved meanwhile
    saver.edit(add("VALE3:B"));
    await vi.advanceTimersByTimeAsync(100);
    expect(puts.map((p) => p.revision)).toEqual([1, 5]);
    expect(stored).toEqual(ws(6, ["WEGE3:B", "VALE3:B"]));
    expect(cached()).toEqual(stored);
    expect(saver.getSnapshot().status).toBe("idle");
  });

  it("says 'retrying' after a failed save and retries until it lands; nothing is lost", async () => {
    failNext = [json(503, { error: { code: "UPSTREAM_UNAVAILABLE", message: "down" } })];
    saver.edit(add("VALE3:B"));
    await vi.advanceTimersByTimeAsync(100);
    expect(saver.getSnapshot().status).toBe("retrying");
    expect(saver.view(cached()).watchlists[0]!.assets).toContain("VALE3:B");
    saver.edit(add("ITUB4:B")); // an edit while retrying joins the retry
    await vi.advanceTimersByTimeAsync(1000);
    expect(puts).toHaveLength(2);
    expect(stored.watchlists[0]!.assets).toEqual(["PETR4:B", "VALE3:B", "ITUB4:B"]);
    expect(saver.getSnapshot().status).toBe("idle");
  });

  it("drops edits the server refuses as invalid and says so", async () => {
    failNext = [
      json(400, { error: { code: "VALIDATION_FAILED", message: "too many", field: "watchlists.0.assets" } }),
    ];
    saver.edit(add("VALE3:B"));
    await vi.advanceTimersByTimeAsync(100);
    expect(saver.getSnapshot()).toMatchObject({ status: "failed" });
    expect(saver.view(cached())).toEqual(cached());
    await vi.advanceTimersByTimeAsync(60_000);
    expect(puts).toHaveLength(1);
  });

  it("forgets pending edits when the session ends (the workspace query is removed)", async () => {
    saver.edit(add("VALE3:B"));
    qc.removeQueries({ queryKey: workspaceKeys.current });
    await vi.advanceTimersByTimeAsync(1000);
    expect(puts).toHaveLength(0);
    qc.setQueryData(workspaceKeys.current, ws(1, ["PETR4:B"]));
    expect(saver.view(cached()).watchlists[0]!.assets).toEqual(["PETR4:B"]);
  });
});
