import { describe, expect, it } from "vitest";
import { makeQuote } from "../../stream/test-quote.ts";
import { quoteAgeMs, quoteStaleAt, rowState } from "./row-freshness.ts";

describe("row freshness", () => {
  it("is stale whenever the feed is not live, with or without a quote", () => {
    expect(rowState({ hasQuote: true, feedLive: false, expired: false })).toBe("stale");
    expect(rowState({ hasQuote: false, feedLive: false, expired: false })).toBe("stale");
  });

  it("is fresh on a live feed until the quote passes the threshold", () => {
    expect(rowState({ hasQuote: true, feedLive: true, expired: false })).toBe("fresh");
    expect(rowState({ hasQuote: true, feedLive: true, expired: true })).toBe("stale");
    expect(rowState({ hasQuote: false, feedLive: true, expired: false })).toBe("waiting");
  });

  it("converts BFF receive time to the local clock with the skew", () => {
    const q = makeQuote({ asset: "PETR4:B", receivedAt: 10_000 });
    // Server clock 2 s ahead: received at local 8 000.
    expect(quoteStaleAt(q, 2000, 5000)).toBe(8000 + 5000);
    expect(quoteAgeMs(q.receivedAt, 2000, 20_000)).toBe(12_000);
    expect(quoteStaleAt(undefined, 0, 5000)).toBeNull();
  });

  it("takes the BFF's threshold; without it a quote never turns stale by age", () => {
    const q = makeQuote({ asset: "PETR4:B", receivedAt: 10_000 });
    expect(quoteStaleAt(q, 0, 3_600_000)).toBe(3_610_000);
    expect(quoteStaleAt(q, 0, null)).toBeNull();
  });
});
