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
  it("takes the newest of the last BFF message and the upstream message (server clock → local)", () => {
    expect(dataAgeMs(10_000, null, null, 0)).toBeNull();
    expect(dataAgeMs(10_000, 9_000, null, 0)).toBe(1000);
    // Upstream at server 9_800 with the server 300 ms ahead → local 9_500: newer than 9_000.
    expect(dataAgeMs(10_000, 9_000, 9_800, 300)).toBe(500);
    expect(dataAgeMs(10_000, 10_200, null, 0)).toBe(0);
  });
});
