import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AssetWatch } from "./asset-watch.ts";
import { SilenceWatchdog } from "./silence-watchdog.ts";

describe("AssetWatch + SilenceWatchdog", () => {
  let watch: AssetWatch;
  let live: boolean;
  let busy: Set<string>;
  let resubscribed: string[];
  let dog: SilenceWatchdog;

  beforeEach(() => {
    vi.useFakeTimers();
    watch = new AssetWatch({ factor: 10, floorMs: 500, ceilingMs: 5000 });
    live = true;
    busy = new Set();
    resubscribed = [];
    dog = new SilenceWatchdog({
      watch,
      live: () => live,
      busy: (a) => busy.has(a),
      retryAfterMs: (n) => 1000 * 2 ** n,
      resubscribe: (a) => resubscribed.push(a),
      tickMs: 50,
    });
  });
  afterEach(() => {
    dog.dispose();
    vi.useRealTimers();
  });

  /** `asset` receives a message every `everyMs` for `forMs`. */
  const flow = (asset: string, everyMs: number, forMs: number) => {
    for (let t = 0; t < forMs; t += everyMs) {
      watch.data(asset);
      vi.advanceTimersByTime(everyMs);
    }
  };

  it("learns each asset's rate and re-subscribes one that goes silent for longer than it explains", () => {
    watch.pending("FAST:B");
    watch.pending("SLOW:B");
    busy.add("FAST:B").add("SLOW:B"); // their first subscribes are in flight
    for (let t = 0; t < 2000; t += 100) {
      watch.data("FAST:B");
      if (t % 400 === 0) watch.data("SLOW:B");
      vi.advanceTimersByTime(100);
    }
    busy.clear();
    expect(watch.allowedSilenceMs("FAST:B")).toBe(1000); // 10 × 100 ms
    expect(watch.allowedSilenceMs("SLOW:B")).toBe(4000); // 10 × 400 ms
    flow("SLOW:B", 400, 1200); // FAST goes silent, SLOW flows
    expect(resubscribed).toEqual(["FAST:B"]);
    expect(watch.notOk(10).assets).toMatchObject([{ asset: "FAST:B", state: "retrying", attempts: 1 }]);
    watch.data("FAST:B");
    expect(watch.isOk("FAST:B")).toBe(true);
  });

  it("applies the floor and the ceiling", () => {
    watch.pending("X:B");
    flow("X:B", 1, 50);
    expect(watch.allowedSilenceMs("X:B")).toBe(500);
    watch.pending("Y:B");
    flow("Y:B", 4000, 8000);
    expect(watch.allowedSilenceMs("Y:B")).toBe(5000);
  });

  it("never fires while the link is stale or down, and restarts the clocks after it", () => {
    watch.pending("A:B");
    flow("A:B", 100, 1000);
    live = false;
    vi.advanceTimersByTime(10_000);
    live = true;
    vi.advanceTimersByTime(900);
    expect(resubscribed).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(resubscribed).toEqual(["A:B"]);
  });

  it("leaves an asset whose request is outstanding to the request tracker, and retries it when nothing is", () => {
    watch.pending("P:B");
    busy.add("P:B");
    vi.advanceTimersByTime(10_000);
    expect(resubscribed).toEqual([]);
    busy.delete("P:B"); // answered, but no data came
    vi.advanceTimersByTime(100);
    expect(resubscribed).toEqual(["P:B"]);
    expect(watch.stateOf("P:B")).toBe("retrying");
  });
});
