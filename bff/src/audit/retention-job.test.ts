import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { silentLogger } from "../lib/logger.ts";
import { startRetentionJob } from "./retention-job.ts";

describe("the retention job", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("cuts at now − days, at start and every interval, one run at a time, and survives a failed run", async () => {
    const now = Date.UTC(2026, 11, 4);
    const cutoffs: string[] = [];
    let fail = true;
    const job = startRetentionJob({
      days: 30,
      intervalMs: 1000,
      now: () => now,
      logger: silentLogger,
      cut: async (cutoff) => {
        cutoffs.push(cutoff.toISOString());
        if (fail) throw new Error("database away");
        return { deleted: 3, throughSeq: 3 };
      },
    });
    expect(cutoffs).toEqual(["2026-11-04T00:00:00.000Z"]);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(cutoffs).toHaveLength(3);
    await job.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(cutoffs).toHaveLength(3);
  });
});
