import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ResyncCoalescer, type ResyncReason } from "./resync-coalescer.ts";

describe("ResyncCoalescer", () => {
  let sent: Array<{ assets: string[]; reason: ResyncReason }>;
  let busy: Set<string>;
  let coalescer: ResyncCoalescer;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    busy = new Set();
    coalescer = new ResyncCoalescer(
      {
        held: () => ["A:B", "C:B"],
        busy: (a) => busy.has(a),
        resubscribe: (assets, reason) => sent.push({ assets, reason }),
      },
      1000,
    );
  });
  afterEach(() => {
    coalescer.dispose();
    vi.useRealTimers();
  });

  it("a gap storm re-subscribes the held set at most once per interval", () => {
    for (let i = 0; i < 20_000; i++) coalescer.requestAll();
    vi.advanceTimersByTime(0);
    expect(sent).toEqual([{ assets: ["A:B", "C:B"], reason: "gap" }]);
    for (let ms = 0; ms < 5000; ms += 10) {
      for (let i = 0; i < 200; i++) coalescer.requestAll();
      vi.advanceTimersByTime(10);
    }
    // 5 s of gaps at 20k/s: one re-subscribe per interval, not one per gap.
    expect(sent.length).toBeLessThanOrEqual(6);
    expect(coalescer.pending).toBeLessThanOrEqual(2);
  });

  it("keeps one resync in flight per asset: a request while busy waits for the reply", () => {
    coalescer.request("A:B", "outOfSync");
    vi.advanceTimersByTime(0);
    busy.add("A:B");
    coalescer.request("A:B", "outOfSync");
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(1);
    busy.delete("A:B");
    vi.advanceTimersByTime(100);
    expect(sent).toHaveLength(2);
    expect(coalescer.counts.get("outOfSync")).toBe(2);
  });

  it("forget drops an asset's due resync; reset clears everything", () => {
    coalescer.request("A:B", "silent");
    coalescer.forget("A:B");
    coalescer.requestAll();
    coalescer.reset();
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual([]);
  });
});
