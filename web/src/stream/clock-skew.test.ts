import { describe, expect, it } from "vitest";
import { SKEW_WINDOW_MS, SkewEstimator } from "./clock-skew.ts";

describe("SkewEstimator", () => {
  it("takes the least-delayed message as the offset, so a late message is not read as fresh", () => {
    const e = new SkewEstimator();
    // The server runs 2 s ahead; the first message took 50 ms.
    expect(e.add(12_000, 10_050)).toBe(1950);
    // A message that waited 5 s in a backlog: its own sample says −3 s, the estimate stays near the truth.
    expect(e.add(13_000, 16_000)).toBe(1950);
    // A faster message improves the estimate.
    expect(e.add(20_000, 18_010)).toBe(1990);
  });

  it("forgets samples older than the window, so a server clock that stepped back is followed after one window", () => {
    const e = new SkewEstimator();
    e.add(12_000, 10_000); // +2 s
    expect(e.add(11_000, 10_000 + SKEW_WINDOW_MS - 1)).toBe(2000); // still remembers the +2 s sample
    expect(e.add(11_000 + SKEW_WINDOW_MS, 10_000 + SKEW_WINDOW_MS + 1)).toBe(999);
  });

  it("starts at 0 and starts over after clear()", () => {
    const e = new SkewEstimator();
    expect(e.estimate()).toBe(0);
    e.add(5000, 1000);
    e.clear();
    expect(e.estimate()).toBe(0);
    expect(e.add(900, 1000)).toBe(-100);
  });
});
