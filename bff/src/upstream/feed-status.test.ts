import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FeedLink, FeedStatus } from "@pregao/contracts";
import { FeedStatusTracker } from "./feed-status.ts";

describe("FeedStatusTracker", () => {
  let lastMessageAt = 0;
  let link: FeedLink = { state: "live", since: 0 };
  const source = {
    link: () => link,
    breaker: () => ({ state: "closed" as const, since: 0, lastError: null }),
    lastMessageAt: () => lastMessageAt,
  };

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps sending the status every tick while live, with the latest lastMessageAt", () => {
    const tracker = new FeedStatusTracker(source, 1000);
    const seen: FeedStatus[] = [];
    tracker.onStatus((s) => seen.push(s));
    lastMessageAt = 1_500;
    vi.advanceTimersByTime(1000);
    lastMessageAt = 2_700;
    vi.advanceTimersByTime(1000);
    expect(seen.map((s) => s.lastMessageAt)).toEqual([1_500, 2_700]);
    tracker.dispose();
  });

  it("keeps ticking while down, and emits at once when a ProfitDLL state changes", () => {
    link = { state: "down", since: 0, reason: "refused", retryAt: null };
    const tracker = new FeedStatusTracker(source, 1000);
    const seen: FeedStatus[] = [];
    tracker.onStatus((s) => seen.push(s));
    vi.advanceTimersByTime(2000);
    tracker.observe({ seq: 5, ts: 0, type: "connectionState", stateType: 2, result: 0 });
    tracker.observe({ seq: 6, ts: 0, type: "connectionState", stateType: 2, result: 0 });
    expect(seen).toHaveLength(3);
    expect(seen[2]!.profitDll.marketData).toBe(0);
    tracker.dispose();
  });
});
