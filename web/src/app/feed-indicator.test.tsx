import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FeedStatus } from "@pregao/contracts";
import { useConnectionStore } from "../stream/connection-store.ts";
import { useFeedStatusStore } from "../stream/feed-status-store.ts";
import { FeedIndicator } from "./feed-indicator.tsx";

const live = (now: number): FeedStatus => ({
  link: { state: "live", since: now - 60_000 },
  breaker: { state: "closed", since: 0, lastError: null },
  profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
  lastMessageAt: now,
  serverTime: now,
  staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
});

beforeEach(() => {
  useConnectionStore.setState({ state: "connected" });
  useFeedStatusStore.setState({ status: null, lastMessageAt: null, skewMs: 0 });
});
afterEach(cleanup);

describe("FeedIndicator", () => {
  it("is a labelled status region stating the state", () => {
    render(<FeedIndicator />);
    const el = screen.getByRole("status", { name: "Feed status" });
    expect(el.textContent).toContain("Connecting…");
    act(() => useFeedStatusStore.getState().setStatus(live(Date.now())));
    expect(el.textContent).toContain("Live");
    expect(el.dataset.state).toBe("live");
  });

  it("says when the browser lost the server, and shows the breaker", () => {
    render(<FeedIndicator />);
    act(() => {
      const now = Date.now();
      useFeedStatusStore.getState().setStatus({
        ...live(now),
        link: { state: "down", since: now, reason: "refused", retryAt: now + 3000 },
        breaker: { state: "open", since: now, lastError: "refused" },
      });
    });
    const el = screen.getByRole("status", { name: "Feed status" });
    expect(el.textContent).toMatch(/Feed down — reconnecting in [1-4]s/);
    expect(el.textContent).toContain("Breaker open");
    act(() => useConnectionStore.getState().disconnected("transport close"));
    expect(el.textContent).toContain("Disconnected from server");
  });
});
