import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FeedClientMessage, FeedServerMessage } from "@pregao/contracts";
import { RequestTracker, type RequestSpec } from "./request-tracker.ts";

const reply = (
  type: "subscribed" | "unsubscribed" | "assetList" | "error",
  reqId?: string,
): FeedServerMessage =>
  ({
    seq: 1,
    ts: 0,
    type,
    ...(reqId === undefined ? {} : { reqId }),
    ...(type === "assetList"
      ? { assets: [] }
      : type === "error"
        ? { code: "UNKNOWN_REQUEST", message: "x" }
        : { assets: [] }),
  }) as FeedServerMessage;

describe("RequestTracker", () => {
  let written: FeedClientMessage[];
  let retried: Array<{ spec: RequestSpec; attempt: number }>;
  let timedOut: string[];
  let tracker: RequestTracker;

  beforeEach(() => {
    vi.useFakeTimers();
    written = [];
    retried = [];
    timedOut = [];
    tracker = new RequestTracker(
      {
        write: (m) => written.push(m),
        retry: (spec, attempt) => retried.push({ spec, attempt }),
        timedOut: (_s, reqId) => timedOut.push(reqId),
      },
      1000,
      { initialMs: 200, maxMs: 1000 },
      () => 1, // no jitter: the full delay
    );
  });
  afterEach(() => vi.useRealTimers());

  it("gives every request a reqId and settles it by the reply carrying it", () => {
    const id = tracker.send({ kind: "subscribe", assets: ["PETR4:B"] });
    expect(written[0]).toEqual({ type: "subscribe", assets: ["PETR4:B"], reqId: id });
    expect(tracker.outstanding("subscribe", "PETR4:B")).toBe(true);
    expect(tracker.settle(reply("subscribed", id))).toEqual({ kind: "subscribe", assets: ["PETR4:B"] });
    vi.advanceTimersByTime(10_000);
    expect(timedOut).toEqual([]);
    expect(tracker.outstanding("subscribe", "PETR4:B")).toBe(false);
    expect(tracker.counts.get("subscribe:replied")).toBe(1);
  });

  it("retries an unanswered request after the timeout with doubling, capped backoff", () => {
    const spec = { kind: "subscribe" as const, assets: ["PETR4:B"] };
    tracker.send(spec);
    vi.advanceTimersByTime(1000);
    expect(timedOut).toHaveLength(1);
    expect(retried).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(retried).toEqual([{ spec, attempt: 1 }]);
    expect(tracker.outstanding("subscribe", "PETR4:B")).toBe(false);
    // The owner re-sends; each further timeout doubles the wait up to the cap.
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      tracker.send(spec);
      vi.advanceTimersByTime(1000);
      const before = retried.length;
      let waited = 0;
      while (retried.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      delays.push(waited);
    }
    expect(delays).toEqual([400, 800, 1000, 1000]);
    expect(tracker.counts.get("subscribe:timedOut")).toBe(5);
    expect(tracker.counts.get("subscribe:retried")).toBe(4);
  });

  it("an error with the request's reqId fails it and schedules a retry", () => {
    const id = tracker.send({ kind: "listAssets", assets: [] });
    tracker.settle(reply("error", id));
    vi.advanceTimersByTime(200);
    expect(retried.map((r) => r.spec.kind)).toEqual(["listAssets"]);
    expect(tracker.counts.get("listAssets:failed")).toBe(1);
  });

  it("a reply without reqId settles the oldest pending request of its kind", () => {
    tracker.send({ kind: "unsubscribe", assets: ["A:B"] });
    tracker.send({ kind: "unsubscribe", assets: ["C:B"] });
    expect(tracker.settle(reply("unsubscribed"))?.assets).toEqual(["A:B"]);
    expect(tracker.outstanding("unsubscribe", "C:B")).toBe(true);
  });

  it("cancel drops pending requests and scheduled retries for assets no longer wanted", () => {
    tracker.send({ kind: "subscribe", assets: ["A:B", "C:B"] });
    tracker.cancel("subscribe", ["A:B"]);
    vi.advanceTimersByTime(1200);
    expect(retried[0]?.spec.assets).toEqual(["C:B"]);
    tracker.send({ kind: "subscribe", assets: ["C:B"] });
    vi.advanceTimersByTime(1000);
    tracker.cancel("subscribe", ["C:B"]);
    vi.advanceTimersByTime(10_000);
    expect(retried).toHaveLength(1);
    expect(tracker.outstanding("subscribe")).toBe(false);
  });

  it("clear drops everything (disconnect)", () => {
    tracker.send({ kind: "subscribe", assets: ["A:B"] });
    tracker.clear();
    vi.advanceTimersByTime(60_000);
    expect(timedOut).toEqual([]);
    expect(retried).toEqual([]);
    expect(tracker.size).toBe(0);
  });
});
