import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestCrashStore } from "../lib/test-crash-store.ts";
import { PanelBoundary } from "./panel-boundary.tsx";
import { PanelFrame } from "./panel-frame.tsx";

const report = vi.hoisted(() => vi.fn());
vi.mock("../lib/sentry.ts", () => ({ reportPanelError: report }));

let shouldThrow = false;
function Flaky() {
  if (shouldThrow) throw new Error("quotes exploded");
  return <p>rows here</p>;
}

function Dashboard() {
  return (
    <>
      <PanelFrame id="watchlist" title="Watchlist">
        <PanelBoundary id="watchlist" title="Watchlist">
          <Flaky />
        </PanelBoundary>
      </PanelFrame>
      <PanelFrame id="connection" title="Connection">
        <PanelBoundary id="connection" title="Connection">
          <p>still streaming</p>
        </PanelBoundary>
      </PanelFrame>
    </>
  );
}

beforeEach(() => {
  shouldThrow = false;
  report.mockClear();
  useTestCrashStore.setState({ pending: new Set() });
  vi.spyOn(console, "error").mockImplementation(() => undefined); // React logs caught errors
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("PanelBoundary", () => {
  it("shows a named fallback, reports with the panel id, and 'Reload panel' restores the panel", () => {
    shouldThrow = true;
    render(<Dashboard />);
    const watchlist = screen.getByRole("region", { name: "Watchlist" });
    expect(watchlist.textContent).toContain("Watchlist crashed");
    expect(watchlist.textContent).toContain("quotes exploded");
    expect(report).toHaveBeenCalledWith("watchlist", expect.any(Error), expect.anything());
    // The other panel is untouched.
    expect(screen.getByRole("region", { name: "Connection" }).textContent).toContain("still streaming");

    shouldThrow = false;
    fireEvent.click(screen.getByRole("button", { name: "Reload panel" }));
    expect(watchlist.textContent).toContain("rows here");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("crashes on request through the test-crash store, once", () => {
    render(<Dashboard />);
    act(() => useTestCrashStore.getState().request("connection"));
    const connection = screen.getByRole("region", { name: "Connection" });
    expect(connection.textContent).toContain("Connection crashed");
    expect(screen.getByRole("region", { name: "Watchlist" }).textContent).toContain("rows here");
    fireEvent.click(screen.getByRole("button", { name: "Reload panel" }));
    expect(connection.textContent).toContain("still streaming");
  });
});
