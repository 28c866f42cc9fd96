import { describe, expect, it } from "vitest";
import { silenceCheckMs } from "./feed-client.ts";

describe("silenceCheckMs", () => {
  it("flags a silent link at most 100 ms after its threshold, whatever the threshold", () => {
    for (const staleMs of [50, 300, 1500, 5000, 600_000]) {
      const every = silenceCheckMs(staleMs);
      expect(every, `staleMs ${staleMs}`).toBeLessThanOrEqual(100);
      expect(every, `staleMs ${staleMs}`).toBeGreaterThanOrEqual(Math.min(10, staleMs));
    }
  });
});
