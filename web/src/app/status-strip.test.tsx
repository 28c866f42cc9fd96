import { act, cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useConnectionStore } from "../stream/connection-store.ts";
import { useFeedStatusStore } from "../stream/feed-status-store.ts";
import { usePingStore } from "../stream/ping-store.ts";
import { dataAgeMs, StatusStrip } from "./status-strip.tsx";

beforeEach(() => {
  useConnectionStore.setState({ state: "connected" });
  useFeedStatusStore.setState({ status: null, lastMessageAt: null, skewMs: 0 });
  usePingStore.getState().reset();
});
afterEach(cleanup);

describe("StatusStrip", () => {
  it("groups the feed state, the data age and this browser's socket latency (last and median)", () => {
    render(<StatusStrip />);
    const strip = screen.getByRole("group", { name: "Trader status" });
    expect(within(strip).getByRole("status", { name: "Feed status" }).textContent).toContain("Connecting…");
    expect(within(strip).getByLabelText("Data age").textContent).toBe("—");
    expect(within(strip).getByLabelText("Socket latency").textContent).toBe("—");
    expect(within(strip).queryByLabelText("Socket latency median")).toBeNull();
    act(() => {
      const now = Date.now();
      useFeedStatusStore.getState().setStatus({
        link: { state: "live", since: now - 60_000 },
        breaker: { state: "closed", since: 0, lastError: null },
        profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
        lastMessageAt: now,
        serverTime: now,
        staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
      });
      for (const rtt of [4, 30, 6]) usePingStore.getState().record(rtt);
    });
    expect(within(strip).getByRole("status", { name: "Feed status" }).textContent).toContain("Live");
    expect(within(strip).getByLabelText("Data age").textContent).toMatch(/^\d+ ms$/);
    expect(within(strip).getByLabelText("Socket latency").textContent).toBe("6 ms");
    expect(within(strip).getByLabelText("Socket latency median").textContent).toBe("median 6 ms");
  });
});

describe("dataAgeMs", () => {
  it("is the age of the upstream feed's last message (server clock → local), null before any", () => {
    expect(dataAgeMs(10_000, null, 0)).toBeNull();
    // Upstream at server 9_800 with the server 300 ms ahead → local 9_500.
    expect(dataAgeMs(10_000, 9_800, 300)).toBe(500);
    expect(dataAgeMs(10_000, 10_200, 0)).toBe(0);
  });
});

describe("StatusStrip during a feed outage", () => {
  it("shows the feed's data age growing although feed:status keeps arriving every second", () => {
    render(<StatusStrip />);
    act(() => {
      const now = Date.now();
      // The BFF just sent feed:status (fresh socket message), but its upstream went quiet 16 s ago.
      useFeedStatusStore.getState().setStatus(
        {
          link: { state: "down", since: now - 9_000, reason: "ECONNREFUSED", retryAt: null },
          breaker: { state: "open", since: now - 8_000, lastError: "ECONNREFUSED" },
          profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
          lastMessageAt: now - 16_000,
          serverTime: now,
          staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
        },
        now,
      );
    });
    const age = screen.getByLabelText("Data age").textContent ?? "";
    expect(age).toMatch(/^1[67](,\d)? s$/);
  });
});
