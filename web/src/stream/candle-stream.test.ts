import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Candle } from "@pregao/contracts";
import { CandleSubscriptions, candleKey, useCandleStore, type CandleTransport } from "./candle-stream.ts";
import type { FrameScheduler } from "./raf-batcher.ts";

const bar = (time: number, close: number): Candle => ({
  time,
  open: 10,
  high: 12,
  low: 9,
  close,
  volume: 100,
  trades: 3,
});
const KEY = candleKey("PETR4:B", "1m");
const forming = () => useCandleStore.getState().forming.get(KEY);

function fakeFrames() {
  const queue: Array<() => void> = [];
  const scheduler: FrameScheduler = { request: (cb) => queue.push(cb), cancel: () => undefined };
  return { scheduler, frame: () => queue.splice(0).forEach((cb) => cb()) };
}

function fakeTransport(ackCandle: Candle | null = null) {
  const transport = {
    subscribe: vi.fn((_a: string, _i: string) =>
      Promise.resolve({ ok: true as const, data: { candle: ackCandle } }),
    ),
    unsubscribe: vi.fn(() => Promise.resolve({})),
  } satisfies CandleTransport;
  return transport;
}

beforeEach(() => useCandleStore.setState({ forming: new Map() }));

describe("candle store", () => {
  it("replaces the forming bar with a newer version or a newer bar, never an older bar", () => {
    const { apply } = useCandleStore.getState();
    apply([{ asset: "PETR4:B", interval: "1m", candle: bar(60_000, 10) }]);
    apply([{ asset: "PETR4:B", interval: "1m", candle: bar(60_000, 11) }]);
    expect(forming()?.close).toBe(11);
    apply([{ asset: "PETR4:B", interval: "1m", candle: bar(120_000, 12) }]);
    apply([{ asset: "PETR4:B", interval: "1m", candle: bar(60_000, 99) }]);
    expect(forming()).toEqual(bar(120_000, 12));
  });
  it("keeps intervals apart", () => {
    useCandleStore.getState().apply([{ asset: "PETR4:B", interval: "5m", candle: bar(0, 5) }]);
    expect(forming()).toBeUndefined();
  });
});

describe("candle subscriptions", () => {
  it("subscribes once per (asset, interval) and unsubscribes on the last release", async () => {
    const subs = new CandleSubscriptions(fakeFrames().scheduler);
    const t = fakeTransport();
    subs.attach(t);
    const a = subs.retain("PETR4:B", "1m");
    const b = subs.retain("PETR4:B", "1m");
    subs.retain("PETR4:B", "5m");
    expect(t.subscribe.mock.calls).toEqual([
      ["PETR4:B", "1m"],
      ["PETR4:B", "5m"],
    ]);
    a();
    expect(t.unsubscribe).not.toHaveBeenCalled();
    b();
    expect(t.unsubscribe).toHaveBeenCalledWith("PETR4:B", "1m");
    await Promise.resolve();
  });
  it("puts the ack's forming bar and later updates in the store once per frame", async () => {
    const f = fakeFrames();
    const subs = new CandleSubscriptions(f.scheduler);
    subs.attach(fakeTransport(bar(60_000, 10)));
    subs.retain("PETR4:B", "1m");
    await Promise.resolve();
    await Promise.resolve();
    expect(forming()).toBeUndefined();
    f.frame();
    expect(forming()?.close).toBe(10);
    subs.push({ asset: "PETR4:B", interval: "1m", candle: bar(60_000, 11) });
    subs.push({ asset: "PETR4:B", interval: "1m", candle: bar(60_000, 12) });
    f.frame();
    expect(forming()?.close).toBe(12);
  });
  it("drops updates for what no chart holds, and the bar of a released key", () => {
    const f = fakeFrames();
    const subs = new CandleSubscriptions(f.scheduler);
    subs.attach(fakeTransport());
    subs.push({ asset: "PETR4:B", interval: "1m", candle: bar(60_000, 10) });
    f.frame();
    expect(forming()).toBeUndefined();
    const release = subs.retain("PETR4:B", "1m");
    subs.push({ asset: "PETR4:B", interval: "1m", candle: bar(60_000, 10) });
    f.frame();
    release();
    expect(forming()).toBeUndefined();
  });
  it("re-subscribes everything held on every (re)connect", () => {
    const subs = new CandleSubscriptions(fakeFrames().scheduler);
    subs.retain("PETR4:B", "15m");
    const first = fakeTransport();
    subs.attach(first);
    subs.detach();
    const second = fakeTransport();
    subs.attach(second);
    expect(first.subscribe).toHaveBeenCalledWith("PETR4:B", "15m");
    expect(second.subscribe).toHaveBeenCalledWith("PETR4:B", "15m");
  });
});
