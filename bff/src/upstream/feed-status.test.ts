import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FeedLink, FeedStatus } from "@pregao/contracts";
import { FeedStatusTracker, stalenessFor } from "./feed-status.ts";

describe("FeedStatusTracker", () => {
  let lastMessageAt = 0;
  let link: FeedLink = { state: "live", since: 0 };
  const source = {
    link: () => link,
    breaker: () => ({ state: "closed" as const, since: 0, lastError: null }),
    lastMessageAt: () => lastMessageAt,
  };

  const settings = { linkStaleMs: 1500, dataStaleAfterMs: 5000 };

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("keeps sending the status every tick while live, with the latest lastMessageAt", () => {
    const tracker = new FeedStatusTracker(source, settings, 1000);
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
    const tracker = new FeedStatusTracker(source, settings, 1000);
    const seen: FeedStatus[] = [];
    tracker.onStatus((s) => seen.push(s));
    vi.advanceTimersByTime(2000);
    tracker.observe({ seq: 5, ts: 0, type: "connectionState", stateType: 2, result: 0 });
    tracker.observe({ seq: 6, ts: 0, type: "connectionState", stateType: 2, result: 0 });
    expect(seen).toHaveLength(3);
    expect(seen[2]!.profitDll.marketData).toBe(0);
    tracker.dispose();
  });

  it("carries the browser's staleness thresholds in every status", () => {
    const tracker = new FeedStatusTracker(source, { linkStaleMs: 1500, dataStaleAfterMs: 7000 }, 1000);
    expect(tracker.current().staleness).toEqual({ silenceMs: 1500, dataStaleAfterMs: 7000 });
    tracker.dispose();
  });
});

describe("stalenessFor", () => {
  it("judges BFF silence by the link's rule, but never under 1.5 status intervals", () => {
    expect(stalenessFor({ linkStaleMs: 1500, dataStaleAfterMs: 5000 }, 1000).silenceMs).toBe(1500);
    expect(stalenessFor({ linkStaleMs: 300, dataStaleAfterMs: 5000 }, 1000).silenceMs).toBe(1500);
    expect(stalenessFor({ linkStaleMs: 4000, dataStaleAfterMs: 5000 }, 1000).silenceMs).toBe(4000);
    expect(stalenessFor({ linkStaleMs: 100, dataStaleAfterMs: 5000 }, 250).silenceMs).toBe(375);
  });
});
