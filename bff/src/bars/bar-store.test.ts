import type { HistoryTrade } from "@pregao/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BarTrade } from "./aggregator.ts";
import { DAY_MS } from "./bar-time.ts";
import { BarCapacityError, BarStore } from "./bar-store.ts";

// Thursday 2026-12-03 12:00 São Paulo.
const NOW = Date.UTC(2026, 11, 3, 15, 0);
const trade = (ts: number, n: number, price = 10): HistoryTrade => ({
  ts,
  tradeNumber: n,
  price,
  quantity: 100,
  volume: price * 100,
  buyAgent: 3,
  sellAgent: 8,
  tradeType: 2,
});

/** Scripted upstream: one trade at 11:00 São Paulo on each of the last `days` calendar days. */
function setup(days = 3, opts: { maxAggregators?: number; idleMs?: number } = {}) {
  const past = Array.from({ length: days }, (_, i) =>
    trade(NOW - (i + 1) * DAY_MS - 3_600_000, 1, 10 + i),
  ).reverse();
  const asked: Array<[number, number]> = [];
  const held = new Map<string, string>();
  let listener: ((e: { asset: string; trade: BarTrade }) => void) | undefined;
  let fail = false;
  let now = NOW;
  const store = new BarStore(
    {
      history: async (_asset, from, to) => {
        asked.push([from, to]);
        if (fail) throw new Error("upstream down");
        return past.filter((t) => t.ts >= from && t.ts < to);
      },
      onTrade: (l) => ((listener = l), { dispose: () => (listener = undefined) }),
      hold: (c, a) => held.set(c, a),
      release: (c) => held.delete(c),
      now: () => now,
    },
    {
      maxAggregators: opts.maxAggregators ?? 10,
      maxBars: 1000,
      maxSeen: 1000,
      idleMs: opts.idleMs ?? 60_000,
    },
  );
  return {
    store,
    asked,
    held,
    live: (t: BarTrade) => listener?.({ asset: "PETR4:B", trade: t }),
    fail: (v: boolean) => (fail = v),
    advance: (ms: number) => (now += ms),
  };
}

afterEach(() => vi.useRealTimers());

describe("BarStore", () => {
  it("pages back through history and ends with nextTo null once no older trades exist", async () => {
    const s = setup(3);
    const first = await s.store.page("PETR4:B", "1D", NOW + 1, 2);
    expect(first.candles.map((c) => c.close)).toEqual([11, 10]);
    expect(first.nextTo).toBe(first.candles[0]!.time);
    const second = await s.store.page("PETR4:B", "1D", first.nextTo!, 2);
    expect(second.candles.map((c) => c.close)).toEqual([12]);
    expect(second.nextTo).toBeNull();
    expect(s.held.size).toBe(1);
  });

  it("moves the watched forming bar with live trades, counting a trade history also had once", async () => {
    const s = setup(1);
    const seen: number[] = [];
    const w = await s.store.watch("PETR4:B", "1m", (c) => seen.push(c.volume));
    expect(w.candle).toBeNull();
    s.live({ ts: NOW, tradeNumber: 1, price: 10, quantity: 100 });
    s.live({ ts: NOW, tradeNumber: 1, price: 10, quantity: 100 });
    s.live({ ts: NOW + 1000, tradeNumber: 2, price: 11, quantity: 200 });
    expect(seen).toEqual([100, 300]);
    const page = await s.store.page("PETR4:B", "1m", NOW + 60_000, 1);
    expect(page.candles).toEqual([
      { time: NOW, open: 10, high: 11, low: 10, close: 11, volume: 300, trades: 2 },
    ]);
    w.dispose();
  });

  it("evicts idle aggregators (releasing the upstream hold) and the least recently used one at the cap", async () => {
    vi.useFakeTimers();
    const s = setup(1, { maxAggregators: 2, idleMs: 10_000 });
    await s.store.page("PETR4:B", "1m", NOW, 1);
    s.advance(1);
    const w = await s.store.watch("PETR4:B", "5m", () => {});
    s.advance(1);
    await s.store.page("PETR4:B", "15m", NOW, 1); // evicts 1m (least recently used, unwatched)
    expect([...s.held.keys()].sort()).toEqual(["bars/PETR4:B|15m", "bars/PETR4:B|5m"]);
    await expect(s.store.page("PETR4:B", "60m", NOW, 1)).resolves.toBeDefined(); // evicts 15m
    w.dispose();
    s.advance(10_000);
    s.store.sweep();
    expect(s.store.size).toBe(0);
    expect(s.held.size).toBe(0);
    s.store.dispose();
  });

  it("refuses a new aggregator when every one is watched", async () => {
    const s = setup(1, { maxAggregators: 1 });
    await s.store.watch("PETR4:B", "1m", () => {});
    await expect(s.store.page("PETR4:B", "5m", NOW, 1)).rejects.toBeInstanceOf(BarCapacityError);
  });

  it("propagates a history failure and retries on the next request", async () => {
    const s = setup(1);
    s.fail(true);
    await expect(s.store.page("PETR4:B", "1D", NOW, 1)).rejects.toThrow("upstream down");
    s.fail(false);
    expect((await s.store.page("PETR4:B", "1D", NOW, 1)).candles).toHaveLength(1);
  });
});
