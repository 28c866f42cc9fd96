import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FeedBreaker } from "./breaker.ts";
import { MalformedBurstError } from "./errors.ts";

const options = {
  threshold: 3,
  cooldownMs: 1000,
  backoffInitialMs: 100,
  backoffMaxMs: 2000,
  malformedBurst: 5,
  malformedWindowMs: 10_000,
};
const fail = () => Promise.reject(new Error("refused"));
const ok = () => Promise.resolve("ok");

describe("FeedBreaker", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("closed → open after consecutive failures → halfOpen probe → closed", async () => {
    const b = new FeedBreaker(options);
    const states: string[] = [];
    b.onChange((v) => states.push(v.state));
    for (let i = 0; i < 3; i++) await expect(b.execute(fail)).rejects.toThrow("refused");
    expect(b.snapshot()).toMatchObject({ state: "open", lastError: "refused" });
    await expect(b.execute(ok)).rejects.toSatisfy((e) => b.isOpenError(e));
    vi.advanceTimersByTime(1000);
    await expect(b.execute(ok)).resolves.toBe("ok");
    expect(states).toEqual(["open", "halfOpen", "closed"]);
  });

  it("a failed half-open probe reopens the circuit", async () => {
    const b = new FeedBreaker(options);
    for (let i = 0; i < 3; i++) await b.execute(fail).catch(() => undefined);
    vi.advanceTimersByTime(1000);
    await b.execute(fail).catch(() => undefined);
    expect(b.snapshot().state).toBe("open");
  });

  it("a success resets the consecutive count", async () => {
    const b = new FeedBreaker(options);
    for (let i = 0; i < 2; i++) await b.execute(fail).catch(() => undefined);
    await b.execute(ok);
    for (let i = 0; i < 2; i++) await b.execute(fail).catch(() => undefined);
    expect(b.snapshot().state).toBe("closed");
  });

  it("a malformed burst trips the breaker at once", async () => {
    const b = new FeedBreaker(options);
    let burst: MalformedBurstError | null = null;
    for (let i = 0; i < 5; i++) burst = b.malformed();
    expect(burst).toBeInstanceOf(MalformedBurstError);
    b.trip(burst!);
    await vi.advanceTimersByTimeAsync(0);
    expect(b.snapshot()).toMatchObject({ state: "open", lastError: burst!.message });
  });

  it("malformed frames spread over more than the window do not burst", () => {
    const b = new FeedBreaker(options);
    for (let i = 0; i < 10; i++) {
      expect(b.malformed()).toBeNull();
      vi.advanceTimersByTime(2600);
    }
  });

  it("backs off with jitter up to the max and waits out the cool-down while open", async () => {
    const b = new FeedBreaker(options);
    const delays = Array.from({ length: 12 }, () => b.nextDelay());
    expect(Math.max(...delays)).toBeLessThanOrEqual(2000);
    expect(delays.at(-1)).toBeGreaterThan(delays[0]! / 2);
    const fresh = new FeedBreaker({ ...options, backoffMaxMs: 50 });
    for (let i = 0; i < 3; i++) await fresh.execute(fail).catch(() => undefined);
    expect(fresh.nextDelay()).toBeGreaterThanOrEqual(999);
  });
});
