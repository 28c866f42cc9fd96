import { describe, expect, it } from "vitest";
import type { FeedStatus } from "@pregao/contracts";
import { describeFeed, type FeedViewInput } from "./feed-view.ts";

const NOW = 1_000_000;

function status(link: FeedStatus["link"], over: Partial<FeedStatus> = {}): FeedStatus {
  return {
    link,
    breaker: { state: "closed", since: 0, lastError: null },
    profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
    lastMessageAt: NOW - 300,
    serverTime: NOW,
    staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
    ...over,
  };
}

const input = (over: Partial<FeedViewInput>): FeedViewInput => ({
  socket: "connected",
  status: status({ state: "live", since: 0 }),
  lastMessageAt: NOW - 100,
  skewMs: 0,
  expectingMessages: true,
  now: NOW,
  ...over,
});

describe("describeFeed", () => {
  it("live when the link is live and messages keep coming", () => {
    const v = describeFeed(input({}));
    expect(v).toMatchObject({ kind: "live", label: "Live", breaker: null });
    expect(v.age).toBe("<1 s ago");
  });

  it("stale when the BFF says so", () => {
    expect(describeFeed(input({ status: status({ state: "stale", since: 0 }) })).label).toBe("Stale");
  });

  it("stale locally when 'live' but silent for more than 2 s while subscribed", () => {
    const v = describeFeed(
      input({
        lastMessageAt: NOW - 2500,
        status: status({ state: "live", since: 0 }, { lastMessageAt: NOW - 2500 }),
      }),
    );
    expect(v).toMatchObject({ kind: "stale", label: "Stale", age: "2 s ago" });
    // Nothing subscribed: silence is expected, stay live.
    expect(describeFeed(input({ lastMessageAt: NOW - 2500, expectingMessages: false })).kind).toBe("live");
  });

  it("stale when the 'live' status itself is older than the threshold on arrival (a backlog, not a live feed)", () => {
    // Sent 3 s ago by the server (skew 0), received just now: the browser hears messages, but they are old news.
    const late = status({ state: "live", since: 0 }, { serverTime: NOW - 3000, lastMessageAt: NOW - 3100 });
    const v = describeFeed(input({ status: late, lastMessageAt: NOW - 10 }));
    expect(v.kind).toBe("stale");
    expect(v.age).toBe("3 s ago");
  });

  it("judges silence by the BFF's threshold from feed:status, not a number of its own", () => {
    const quiet = (silenceMs: number, silentFor: number) =>
      describeFeed(
        input({
          lastMessageAt: NOW - silentFor,
          status: status({ state: "live", since: 0 }, { staleness: { silenceMs, dataStaleAfterMs: 5000 } }),
        }),
      ).kind;
    expect(quiet(4000, 2500)).toBe("live");
    expect(quiet(4000, 4001)).toBe("stale");
    expect(quiet(1000, 1200)).toBe("stale");
    expect(quiet(1000, 900)).toBe("live");
  });

  it("never claims live before the first feed:status, however recent the last message", () => {
    expect(describeFeed(input({ status: null, lastMessageAt: NOW })).kind).toBe("connecting");
    expect(describeFeed(input({ status: null, expectingMessages: false })).kind).toBe("connecting");
  });

  it("never says 'updated <1 s ago' beside Stale: the age is the upstream feed's, not the BFF's last feed:status", () => {
    // feed:status arrived 100 ms ago, but the upstream feed went quiet 4 s ago.
    const v = describeFeed(
      input({
        lastMessageAt: NOW - 100,
        status: status({ state: "stale", since: 0 }, { lastMessageAt: NOW - 4000 }),
      }),
    );
    expect(v).toMatchObject({ kind: "stale", label: "Stale", age: "4 s ago" });
    expect(
      describeFeed(input({ status: status({ state: "live", since: 0 }, { lastMessageAt: null }) })).age,
    ).toBeNull();
  });

  it("feed down with a countdown to the retry, in local time", () => {
    const down = status({ state: "down", since: 0, reason: "ECONNREFUSED", retryAt: NOW + 4200 + 50 });
    expect(describeFeed(input({ status: down, skewMs: 50 })).label).toBe("Feed down — reconnecting in 5s");
    const noRetry = status({ state: "down", since: 0, reason: "x", retryAt: null });
    expect(describeFeed(input({ status: noRetry })).label).toBe("Feed down");
  });

  it("connecting before the first status and while the link connects", () => {
    expect(describeFeed(input({ status: null })).label).toBe("Connecting…");
    expect(describeFeed(input({ socket: "connecting" })).label).toBe("Connecting…");
    expect(describeFeed(input({ status: status({ state: "connecting", since: 0, attempt: 2 }) })).kind).toBe(
      "connecting",
    );
  });

  it("disconnected from the server wins over whatever the last status said", () => {
    expect(describeFeed(input({ socket: "disconnected" }))).toMatchObject({
      kind: "disconnected",
      label: "Disconnected from server",
    });
  });

  it("surfaces the breaker when not closed", () => {
    const open = status(
      { state: "down", since: 0, reason: "x", retryAt: null },
      {
        breaker: { state: "open", since: 0, lastError: "boom" },
      },
    );
    expect(describeFeed(input({ status: open })).breaker).toBe("Breaker open");
    const half = status(
      { state: "connecting", since: 0, attempt: 1 },
      {
        breaker: { state: "halfOpen", since: 0, lastError: null },
      },
    );
    expect(describeFeed(input({ status: half })).breaker).toBe("Breaker half-open");
  });
});
