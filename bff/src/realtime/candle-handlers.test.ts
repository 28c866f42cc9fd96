import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Candle, CandleUpdate, ClientEventName } from "@pregao/contracts";
import { toAckFailure } from "./ack.ts";
import { candleEvents, type CandleHandlerDeps } from "./candle-handlers.ts";
import type { PregaoSocket } from "./socket-events.ts";
import { SubscriptionBudget, type SubscriptionOwner } from "./subscription-budget.ts";

const bar = (close: number): Candle => ({
  time: 0,
  open: 1,
  high: close,
  low: 1,
  close,
  volume: 100,
  trades: 1,
});

/** A socket stand-in: handlers by event, emitted `candles:updated`, and a disconnect trigger. */
function harness(over: Partial<CandleHandlerDeps> = {}, owner?: SubscriptionOwner) {
  const emitted: CandleUpdate[] = [];
  const watchers = new Map<string, (c: Candle) => void>();
  const disposed: string[] = [];
  const socket = { emit: (_e: string, u: CandleUpdate) => emitted.push(u) } as unknown as PregaoSocket;
  const events = candleEvents(
    {
      bars: {
        watch: async (asset, interval, fn) => {
          watchers.set(`${asset}|${interval}`, fn);
          return { candle: null, dispose: () => disposed.push(`${asset}|${interval}`) };
        },
      },
      catalog: { known: true, has: (a) => a === "PETR4:B" || a === "VALE3:B" },
      conflationMs: 50,
      ...over,
    },
    () => owner,
  );
  const handlers = new Map(events.table);
  const call = async (event: string, payload: unknown) => {
    try {
      return { ok: true, data: await handlers.get(event as ClientEventName)!(payload, socket) };
    } catch (err) {
      return toAckFailure(err);
    }
  };
  return { call, emitted, watchers, disposed, disconnect: () => events.disconnect(socket) };
}

describe("candles:* handlers", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("conflates the forming bar per (asset, interval): one push per interval, the newest state", async () => {
    const h = harness();
    expect(await h.call("candles:subscribe", { asset: "PETR4:B", interval: "1m" })).toEqual({
      ok: true,
      data: { candle: null },
    });
    await h.call("candles:subscribe", { asset: "PETR4:B", interval: "5m" });
    for (const close of [10, 11, 12]) h.watchers.get("PETR4:B|1m")!(bar(close));
    h.watchers.get("PETR4:B|5m")!(bar(20));
    expect(h.emitted).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(h.emitted.map((u) => [u.interval, u.candle.close])).toEqual([
      ["1m", 12],
      ["5m", 20],
    ]);
    // A repeated subscribe answers with the newest forming bar and adds no second watcher.
    expect(await h.call("candles:subscribe", { asset: "PETR4:B", interval: "1m" })).toMatchObject({
      data: { candle: { close: 12 } },
    });
  });

  it("stops pushing after unsubscribe and disposes every watcher on disconnect", async () => {
    const h = harness();
    await h.call("candles:subscribe", { asset: "PETR4:B", interval: "1m" });
    await h.call("candles:subscribe", { asset: "VALE3:B", interval: "1D" });
    h.watchers.get("PETR4:B|1m")!(bar(10));
    await h.call("candles:unsubscribe", { asset: "PETR4:B", interval: "1m" });
    vi.advanceTimersByTime(50);
    expect(h.emitted).toEqual([]);
    h.disconnect();
    expect(h.disposed.sort()).toEqual(["PETR4:B|1m", "VALE3:B|1D"]);
  });

  it("validates the payload (naming the field), refuses unknown assets and charges the session budget", async () => {
    const budget = new SubscriptionBudget({ perSession: 1, perUser: 10 });
    const h = harness({ budget }, { session: "s", user: "u" });
    expect(await h.call("candles:subscribe", { asset: "PETR4:B", interval: "2m" })).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED", field: "interval" },
    });
    expect(await h.call("candles:subscribe", { asset: "ITUB4:B", interval: "1m" })).toMatchObject({
      ok: false,
      error: { code: "UNKNOWN_ASSET", field: "asset" },
    });
    await h.call("candles:subscribe", { asset: "PETR4:B", interval: "1m" });
    expect(await h.call("candles:subscribe", { asset: "PETR4:B", interval: "5m" })).toMatchObject({
      ok: false,
      error: { code: "TOO_MANY_SUBSCRIPTIONS", details: { scope: "session", limit: 1 } },
    });
    await h.call("candles:unsubscribe", { asset: "PETR4:B", interval: "1m" });
    expect(budget.held({ session: "s", user: "u" }, "candles").session).toBe(0);
  });
});
