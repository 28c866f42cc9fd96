import { describe, expect, it } from "vitest";
import { dataAgeMs, isStale, staleDeadline, type FreshnessInput } from "./data-age.ts";

const base: FreshnessInput = { feedLive: true, receivedAt: 10_000, skewMs: 2000, staleAfterMs: 5000 };

describe("data age", () => {
  it("turns stale by age at the server's threshold, in local time", () => {
    expect(staleDeadline(base)).toBe(13_000);
    expect(isStale(base, false)).toBe(false);
    expect(isStale(base, true)).toBe(true);
  });
  it("is stale whenever the link is not live, with or without data", () => {
    expect(isStale({ ...base, feedLive: false }, false)).toBe(true);
    expect(isStale({ ...base, feedLive: false, receivedAt: null }, false)).toBe(true);
  });
  it("is stale while the BFF is not receiving the asset's data, even on a live link with a recent quote", () => {
    expect(isStale({ ...base, assetNotOk: true }, false)).toBe(true);
  });
  it("without the server's threshold or any data, age cannot make it stale", () => {
    expect(staleDeadline({ ...base, staleAfterMs: null })).toBeNull();
    expect(staleDeadline({ ...base, receivedAt: null })).toBeNull();
    expect(isStale({ ...base, receivedAt: null }, false)).toBe(false);
  });
  it("measures age by the local clock and never goes negative", () => {
    expect(dataAgeMs(10_000, 2000, 20_000)).toBe(12_000);
    expect(dataAgeMs(10_000, 2000, 7000)).toBe(0);
  });
});
