import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FeedClientMessage, FeedServerMessage, HistoryTrade } from "@pregao/contracts";
import { FeedRequests } from "./feed-requests.ts";
import { HistoryUnavailableError, HistoryUnknownAssetError } from "./history-jobs.ts";

type HistoryRequest = Extract<FeedClientMessage, { type: "getHistoryTrades" }>;
const trade = (n: number): HistoryTrade => ({
  tradeNumber: n,
  price: 10,
  quantity: 100,
  volume: 1000,
  buyAgent: 3,
  sellAgent: 8,
  tradeType: 2,
  ts: 1000 + n,
});
const packet = (reqId: string, trades: HistoryTrade[], last: boolean): FeedServerMessage => ({
  seq: 1,
  ts: 0,
  type: "historyTrades",
  reqId,
  asset: "PETR4:B",
  trades,
  last,
});

describe("FeedRequests.history (a scripted upstream)", () => {
  let sent: FeedClientMessage[];
  let writable: boolean;
  let requests: FeedRequests;
  const asked = () => sent.filter((m): m is HistoryRequest => m.type === "getHistoryTrades");

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    writable = true;
    requests = new FeedRequests({
      link: {
        get writable() {
          return writable;
        },
        send: (m) => (sent.push(m), true),
      },
      timeoutMs: 1000,
      backoff: { initialMs: 100, maxMs: 100 },
      stillWanted: () => null,
      timedOut: () => {},
      history: { deadlineMs: 10_000, maxTrades: 5, maxJobs: 2 },
    });
  });
  afterEach(() => {
    requests.dispose();
    vi.useRealTimers();
  });

  it("collects packets until last and resolves with every trade in order", async () => {
    const p = requests.history("PETR4:B", 0, 5000);
    const req = asked()[0]!;
    expect(req).toMatchObject({ asset: "PETR4:B", from: 0, to: 5000 });
    requests.settle(packet(req.reqId, [trade(1), trade(2)], false));
    requests.settle(packet(req.reqId, [trade(3)], true));
    expect((await p).map((t) => t.tradeNumber)).toEqual([1, 2, 3]);
    expect(requests.tracker.size).toBe(0);
  });

  it("each packet restarts the timeout; silence retries from the start and drops the partial packets", async () => {
    const p = requests.history("PETR4:B", 0, 5000);
    const first = asked()[0]!;
    await vi.advanceTimersByTimeAsync(900);
    requests.settle(packet(first.reqId, [trade(1)], false));
    await vi.advanceTimersByTimeAsync(900);
    expect(asked()).toHaveLength(1); // the packet re-armed the timeout
    await vi.advanceTimersByTimeAsync(300);
    const retry = asked()[1]!;
    expect(retry.reqId).not.toBe(first.reqId);
    requests.settle(packet(first.reqId, [trade(9)], true)); // late: the old attempt is no longer ours
    requests.settle(packet(retry.reqId, [trade(1), trade(2)], true));
    expect((await p).map((t) => t.tradeNumber)).toEqual([1, 2]);
  });

  it("waits for a writable link, and re-asks after the link's requests are cleared (reconnect)", async () => {
    writable = false;
    const p = requests.history("PETR4:B", 0, 5000);
    expect(asked()).toHaveLength(0);
    writable = true;
    await vi.advanceTimersByTimeAsync(30);
    const first = asked()[0]!;
    requests.settle(packet(first.reqId, [trade(1)], false));
    requests.clear();
    requests.pump();
    const again = asked()[1]!;
    requests.settle(packet(again.reqId, [trade(1), trade(2)], true));
    expect((await p).map((t) => t.tradeNumber)).toEqual([1, 2]);
  });

  it("fails with UNKNOWN_ASSET on invalidTicker, and UPSTREAM_UNAVAILABLE past the deadline, the trade cap or the job cap", async () => {
    const unknown = requests.history("NOPE3:B", 0, 1);
    requests.settle({ seq: 1, ts: 0, type: "invalidTicker", reqId: asked()[0]!.reqId, asset: "NOPE3:B" });
    await expect(unknown).rejects.toBeInstanceOf(HistoryUnknownAssetError);

    const big = requests.history("PETR4:B", 0, 1);
    requests.settle(packet(asked()[1]!.reqId, [1, 2, 3, 4, 5, 6].map(trade), false));
    await expect(big).rejects.toBeInstanceOf(HistoryUnavailableError);

    const silent = requests.history("PETR4:B", 0, 1);
    const second = requests.history("PETR4:B", 1, 2);
    await expect(requests.history("PETR4:B", 2, 3)).rejects.toThrow(/too many/);
    const settled = Promise.allSettled([silent, second]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect((await settled).map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const before = asked().length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(asked().length).toBe(before); // a failed job is not retried
  });
});
