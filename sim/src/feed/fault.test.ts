import { describe, expect, it } from "vitest";
import { Fault, MAX_FAULT_MS } from "./fault.ts";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe("Fault", () => {
  it("is off until armed; `on` holds until cleared and is never spent", () => {
    const c = clock();
    const f = new Fault(c.now);
    expect(f.active).toBe(false);
    expect(f.take()).toBe(false);
    f.arm({ on: true });
    c.advance(MAX_FAULT_MS * 2);
    expect([f.take(), f.take(), f.active]).toEqual([true, true, true]);
    expect(f.report()).toEqual({ mode: "on" });
    f.arm({ on: false });
    expect(f.report()).toEqual({ mode: "off" });
  });

  it("a duration holds for every event until it runs out, then disarms itself", () => {
    const c = clock();
    const f = new Fault(c.now);
    f.arm({ forMs: 3000 });
    for (let i = 0; i < 100; i++) expect(f.take()).toBe(true);
    c.advance(2999);
    expect(f.report()).toEqual({ mode: "for", remainingMs: 1 });
    expect(f.active).toBe(true);
    c.advance(1);
    expect(f.active).toBe(false);
    expect(f.take()).toBe(false);
    expect(f.report()).toEqual({ mode: "off" });
  });

  it("a duration is capped at MAX_FAULT_MS", () => {
    const c = clock();
    const f = new Fault(c.now);
    f.arm({ forMs: MAX_FAULT_MS * 10 });
    expect(f.report()).toEqual({ mode: "for", remainingMs: MAX_FAULT_MS });
    c.advance(MAX_FAULT_MS);
    expect(f.active).toBe(false);
  });

  it("a count is spent by take (not by active) and disarms at zero", () => {
    const f = new Fault(clock().now);
    f.arm({ count: 2 });
    expect(f.active).toBe(true);
    expect(f.report()).toEqual({ mode: "count", remaining: 2 });
    expect(f.take()).toBe(true);
    expect(f.report()).toEqual({ mode: "count", remaining: 1 });
    expect(f.take()).toBe(true);
    expect(f.take()).toBe(false);
    expect(f.report()).toEqual({ mode: "off" });
    f.arm({ count: 0 });
    expect(f.active).toBe(false);
  });

  it("re-arming replaces the previous arming; clear turns it off", () => {
    const c = clock();
    const f = new Fault(c.now);
    f.arm({ count: 5 });
    f.arm({ forMs: 100 });
    expect(f.report()).toEqual({ mode: "for", remainingMs: 100 });
    f.clear();
    expect(f.take()).toBe(false);
  });
});
