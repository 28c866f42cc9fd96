import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Workspace } from "@pregao/contracts";
import { i18n } from "../i18n/i18n.ts";
import { ApiError } from "../lib/api-client.ts";
import { workspaceKeys, workspaceSaverFor } from "../lib/workspace.ts";
import { WorkspaceSaveStatus } from "./workspace-save-status.tsx";

const ws: Workspace = {
  schemaVersion: 3,
  revision: 1,
  layouts: [{ name: "Default", role: "trader", panels: [{ id: "watchlist", type: "watchlist" }] }],
  watchlists: [{ name: "Main", assets: ["PETR4:B"] }],
  activeLayout: "Default",
  activeWatchlist: "Main",
  preferences: {},
};
const readOnly = () => new ApiError(503, "DATA_STORE_READ_ONLY", "storage is read-only for now");

/** A BFF whose database primary is down until `primaryBack()`: every PUT until then is 503 DATA_STORE_READ_ONLY. */
function setup(failWith: () => ApiError = readOnly) {
  let down = true;
  const put = vi.fn(async (w: Workspace) => {
    if (down) throw failWith();
    return { ...w, revision: w.revision + 1 };
  });
  const qc = new QueryClient();
  qc.setQueryData(workspaceKeys.current, ws);
  const saver = workspaceSaverFor(qc, { debounceMs: 5, retryDelayMs: () => 20, put });
  render(
    <QueryClientProvider client={qc}>
      <WorkspaceSaveStatus />
    </QueryClientProvider>,
  );
  const status = () => screen.getByRole("status");
  return { qc, saver, put, status, primaryBack: () => (down = false) };
}

afterEach(async () => {
  cleanup();
  await i18n.changeLanguage("en");
});

describe("WorkspaceSaveStatus", () => {
  it("says nothing while saves go through", () => {
    const { status } = setup();
    expect(status().textContent).toBe("");
  });

  it("storage read-only: says so, keeps the unsaved layout, and saves it once the store is writable again", async () => {
    const { qc, saver, put, status, primaryBack } = setup();
    act(() => saver.edit((w) => ({ ...w, activeLayout: "Default", preferences: { theme: "light" } })));
    await waitFor(() => expect(status().textContent).toBe("Layout not saved — storage is read-only"));
    await waitFor(() => expect(put.mock.calls.length).toBeGreaterThanOrEqual(2)); // retried, not dropped
    // The pending change is still what the user sees, on top of the server's workspace.
    expect(saver.view(qc.getQueryData<Workspace>(workspaceKeys.current)!).preferences).toEqual({
      theme: "light",
    });

    primaryBack();
    await waitFor(() => expect(status().textContent).toBe(""));
    const saved = qc.getQueryData<Workspace>(workspaceKeys.current)!;
    expect(saved.preferences).toEqual({ theme: "light" });
    expect(saved.revision).toBe(2);
    expect(put.mock.lastCall?.[0].preferences).toEqual({ theme: "light" });
  });

  it("another transient failure says retrying; the wording follows the language", async () => {
    const { saver, status } = setup(() => new ApiError(0, "NETWORK", "offline"));
    await act(() => i18n.changeLanguage("pt-BR"));
    act(() => saver.edit((w) => ({ ...w, preferences: { theme: "dark" } })));
    await waitFor(() => expect(status().textContent).toBe("Layout não salvo — tentando de novo"));
  });

  it("a save the server refuses for good names the reason", async () => {
    const { saver, status } = setup(
      () => new ApiError(400, "VALIDATION_FAILED", "bad", undefined, undefined, undefined, "layouts"),
    );
    act(() => saver.edit((w) => ({ ...w, preferences: { theme: "dark" } })));
    await waitFor(() => expect(status().textContent).toMatch(/^Layout not saved: /));
  });
});
