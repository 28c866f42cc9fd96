import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SubscriptionRegistry } from "./subscriptions.ts";

describe("SubscriptionRegistry", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());
  const sink = () => ({ subscribe: vi.fn(), unsubscribe: vi.fn() });

  it("subscribes on first interest and unsubscribes after the last one leaves (with linger)", () => {
    const k = sink();
    const r = new SubscriptionRegistry(k, 100);
    r.acquire("a/quotes", ["PETR4:B", "VALE3:B"]);
    r.acquire("b/quotes", ["PETR4:B"]);
    expect(k.subscribe).toHaveBeenCalledTimes(1);
    expect(k.subscribe).toHaveBeenCalledWith(["PETR4:B", "VALE3:B"]);
    expect(r.refCount("PETR4:B")).toBe(2);
    r.release("a/quotes", ["PETR4:B", "VALE3:B"]);
    vi.advanceTimersByTime(100);
    expect(k.unsubscribe).toHaveBeenCalledWith(["VALE3:B"]);
    expect(k.unsubscribe).toHaveBeenCalledTimes(1);
    r.releaseAll("b/quotes");
    vi.advanceTimersByTime(100);
    expect(k.unsubscribe).toHaveBeenLastCalledWith(["PETR4:B"]);
    expect(r.held()).toEqual([]);
  });

  it("a consumer returning within the linger keeps the upstream subscription", () => {
    const k = sink();
    const r = new SubscriptionRegistry(k, 100);
    r.acquire("a", ["PETR4:B"]);
    r.release("a", ["PETR4:B"]);
    expect(r.held()).toEqual(["PETR4:B"]);
    vi.advanceTimersByTime(50);
    r.acquire("b", ["PETR4:B"]);
    vi.advanceTimersByTime(500);
    expect(k.subscribe).toHaveBeenCalledTimes(1);
    expect(k.unsubscribe).not.toHaveBeenCalled();
  });

  it("releasing what was never acquired is a no-op; zero linger unsubscribes at once", () => {
    const k = sink();
    const r = new SubscriptionRegistry(k, 0);
    r.release("a", ["PETR4:B"]);
    r.acquire("a", ["PETR4:B"]);
    r.acquire("a", ["PETR4:B"]);
    r.release("a", ["PETR4:B"]);
    expect(k.unsubscribe).toHaveBeenCalledWith(["PETR4:B"]);
  });
});
