import { act, cleanup, render, screen } from "@testing-library/react";
import type { FeedStatus } from "@pregao/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { useFeedStatusStore } from "../../stream/feed-status-store.ts";
import ConnectionPanel from "./index.tsx";

const T = 1_700_000_000_000;
const status = (link: FeedStatus["link"]): FeedStatus => ({
  link,
  breaker: { state: "closed", since: T - 60_000, lastError: null },
  profitDll: { login: 0, routing: 2, marketData: 4, activation: 0 },
  lastMessageAt: T - 100,
  serverTime: T,
  staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
});

afterEach(() => {
  cleanup();
  useFeedStatusStore.getState().reset();
});

describe("Connection panel — ProfitDLL states", () => {
  it("shows the reported states as current while the link is live (routing 2 is up)", () => {
    render(<ConnectionPanel />);
    act(() => useFeedStatusStore.getState().setStatus(status({ state: "live", since: T - 5000 }), T));
    const marketData = screen.getByTestId("conn-dll-marketData");
    expect(marketData.textContent).toBe("Connected (4)");
    expect(screen.getByTestId("conn-dll-routing").className).not.toContain("conn-error");
  });

  it("marks them as last known once the link is down (the bridge is not reporting)", () => {
    render(<ConnectionPanel />);
    const down = { state: "down" as const, since: T - 3000, reason: "ECONNREFUSED", retryAt: null };
    act(() => useFeedStatusStore.getState().setStatus(status(down), T));
    expect(screen.getByTestId("conn-dll-marketData").textContent).toBe("Connected (4) · last known");
  });
});
