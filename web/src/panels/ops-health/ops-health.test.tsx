import { act, cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PanelBoundary } from "../../components/panel-boundary.tsx";
import { useOpsStore } from "../../stream/ops-store.ts";
import { fakeHistory, fakeSnapshot } from "../../stream/test-ops.ts";
import OpsHealthPanel from "./index.tsx";

const T = 1_700_000_000_000;

function renderPanel() {
  return render(
    <PanelBoundary id="ops-health" title="Health">
      <OpsHealthPanel />
    </PanelBoundary>,
  );
}
const row = (name: string) => screen.getByRole("rowheader", { name }).closest("tr")!;
const value = (term: string) => screen.getByRole("definition", { name: term }).textContent;

beforeEach(() => useOpsStore.getState().clear());
afterEach(cleanup);

describe("Health panel", () => {
  it("waits for the first snapshot, then shows readiness, every dependency and the reading guide", () => {
    renderPanel();
    expect(screen.getByRole("status").textContent).toMatch(/Waiting for the first health snapshot/);
    act(() => useOpsStore.getState().subscribed({ snapshot: fakeSnapshot(T), history: fakeHistory(T, 10) }));
    const readiness = screen.getByRole("region", { name: "Readiness" });
    expect(readiness.textContent).toContain("pass");
    expect(within(readiness).queryByRole("link", { name: "Runbook" })).toBeNull();
    const guide = screen.getByRole("link", { name: "How to read this panel" });
    expect(guide.getAttribute("href")).toBe("/runbooks/health-panel");
    expect(guide.getAttribute("target")).toBe("_blank");
    expect(guide.getAttribute("rel")).toBe("noopener");
    for (const name of ["feed", "order-manager", "risk", "order-stream", "session-store"])
      expect(within(row(name)).getByText("pass")).toBeTruthy();
    expect(row("order-manager").textContent).toContain("Closed for 1 min");
    expect(row("order-manager").textContent).toContain("3 ms");
    expect(row("feed").textContent).toContain("Yes");
    expect(screen.queryByRole("link", { name: "Runbook" })).toBeNull();
  });

  it("shows the feed, ProfitDLL states, counters, clients and latencies", () => {
    renderPanel();
    act(() => useOpsStore.getState().subscribed({ snapshot: fakeSnapshot(T), history: [] }));
    expect(value("Link")).toContain("Live");
    expect(value("Data age")).toBe("40 ms");
    expect(value("Messages/s")).toBe("412.5");
    expect(value("Gaps")).toBe("1");
    expect(value("Malformed")).toBe("0");
    expect(value("ProfitDLL routing")).toBe("Broker connected (5)");
    expect(value("ProfitDLL market data")).toBe("Connected (4)");
    expect(value("Sockets")).toBe("3");
    expect(value("Traders")).toBe("1");
    expect(value("Emit p50/p90/p99")).toBe("1 ms / 3 ms / 6 ms");
    expect(value("order-manager p50/p90/p99")).toBe("4 ms / 9 ms / 21 ms");
  });

  it("lists every instance of the fleet, this one first, with the fleet totals and a draining peer", () => {
    renderPanel();
    const base = fakeSnapshot(T);
    const [self, peer] = base.fleet.members;
    const fleet = {
      ...base.fleet,
      members: [self!, { ...peer!, status: "fail" as const, draining: true }],
      totals: { ...base.fleet.totals, ready: 1 },
    };
    act(() => useOpsStore.getState().subscribed({ snapshot: { ...base, fleet }, history: [] }));
    const table = screen.getByRole("table", { name: "Instances" });
    expect(table.querySelector("caption")?.textContent).toBe("2 instances, 1 ready");
    const [, first, second, total] = [...(table as HTMLTableElement).rows].map((r) => r.textContent);
    expect(first).toMatch(/^bff-1 · this onepassLive412\.5/);
    expect(second).toMatch(/^bff-2draining/);
    expect(second).toContain("300 ms ago");
    expect(total).toContain("1 of 2 ready");
    expect(total).toContain("822.5");
    expect(total).toMatch(/822\.5542$/);
  });

  it("names the problem, the open breaker with its last error, and links every non-pass item to its runbook", () => {
    renderPanel();
    const snapshot = fakeSnapshot(T, {
      readiness: { status: "fail", reasons: ["feed: market data unavailable"] },
    });
    const feed = snapshot.checks[0]!;
    Object.assign(feed, {
      status: "fail",
      output: "no feed message for 12.0 s; link down: ECONNREFUSED",
      breaker: { state: "open", since: T - 4000, lastError: "ECONNREFUSED" },
      runbook: "/runbooks/feed-down-or-stale#checks",
    });
    snapshot.feed = {
      ...snapshot.feed,
      link: { state: "down", since: T - 12_000, reason: "ECONNREFUSED", retryAt: null },
    };
    act(() => useOpsStore.getState().subscribed({ snapshot, history: [] }));
    const r = row("feed");
    expect(within(r).getByText("fail")).toBeTruthy();
    expect(r.textContent).toContain("no feed message for 12.0 s");
    expect(r.textContent).toContain("Open for 4 s");
    expect(r.textContent).toContain("Last error: ECONNREFUSED");
    const link = within(r).getByRole("link", { name: "Runbook" });
    expect(link.getAttribute("href")).toBe("/runbooks/feed-down-or-stale#checks");
    expect(link.getAttribute("rel")).toBe("noopener");
    const readiness = screen.getByRole("region", { name: "Readiness" });
    expect(readiness.textContent).toContain("feed: market data unavailable");
    expect(within(readiness).getByRole("link", { name: "Runbook" }).getAttribute("href")).toBe(
      "/runbooks/feed-down-or-stale#checks",
    );
    expect(value("Link")).toContain("Down");
    expect(value("Link")).toContain("ECONNREFUSED");
    // With the link down the ProfitDLL states are the bridge's last report, and say so.
    expect(value("ProfitDLL market data")).toBe("Connected (4) · last known");
    const feedSection = screen.getByRole("region", { name: "Feed" });
    expect(within(feedSection).getByRole("link", { name: "Runbook" })).toBeTruthy();
  });

  it("a feed row back to pass shows its breaker's last error as recovered history, never as a red 'Last error'", () => {
    renderPanel();
    const snapshot = fakeSnapshot(T);
    Object.assign(snapshot.checks[0]!, {
      status: "pass",
      breaker: { state: "closed", since: T - 30_000, lastError: "ECONNREFUSED" },
    });
    act(() => useOpsStore.getState().subscribed({ snapshot, history: [] }));
    const r = row("feed");
    expect(r.textContent).not.toContain("Last error");
    const note = within(r).getByText(/Recovered from: ECONNREFUSED/);
    expect(note.textContent).toContain("30 s ago");
    expect(note.className).not.toContain("ops-error");
  });

  it("draws the 15-minute sparklines with min/max/last", () => {
    renderPanel();
    act(() => useOpsStore.getState().subscribed({ snapshot: fakeSnapshot(T), history: fakeHistory(T, 6) }));
    const trends = screen.getByRole("region", { name: "Last 15 minutes" });
    const names = within(trends)
      .getAllByRole("img")
      .map((i) => i.getAttribute("aria-label"));
    expect(names).toEqual([
      "Feed msgs/s: min 400/s, max 440/s, last 400/s",
      "Data age: min 30 ms, max 50 ms, last 50 ms",
      "Emit p99: min 5 ms, max 8 ms, last 6 ms",
      "Service p99: min 20 ms, max 20 ms, last 20 ms",
      "Sockets: min 2, max 3, last 3",
    ]);
  });

  it("says why when the stream is refused", () => {
    renderPanel();
    act(() => useOpsStore.getState().failed({ code: "FORBIDDEN", message: "missing ops:read" }));
    expect(screen.getByRole("alert").textContent).toContain("FORBIDDEN: missing ops:read");
  });

  it("a crash inside stays inside the panel's boundary", () => {
    renderPanel();
    const bad = fakeSnapshot(T);
    // A snapshot the schema would refuse (the store trusts its callers): rendering it throws.
    (bad as { checks: unknown }).checks = null;
    const quiet = console.error;
    console.error = () => undefined;
    act(() => useOpsStore.setState({ snapshot: bad }));
    console.error = quiet;
    expect(screen.getByRole("button", { name: "Reload panel" })).toBeTruthy();
  });
});
