import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../lib/logger.ts";
import { FeedViolations } from "./feed-violations.ts";

describe("FeedViolations", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("counts by kind and logs asset, kind, field and value, sampled per asset and kind", () => {
    const warn = vi.fn();
    const logger = { info: vi.fn(), warn, error: vi.fn(), debug: vi.fn() } satisfies Logger;
    const v = new FeedViolations(logger, 10_000);
    for (let i = 0; i < 1000; i++)
      v.record("PETR4:B", "trade", { kind: "price_not_positive", field: "trade.price", value: -i });
    v.record("VALE3:B", "book", { kind: "book_crossed", field: "book", value: { bid: 99, ask: 10 } });
    expect(v.snapshot()).toEqual({ price_not_positive: 1000, book_crossed: 1 });
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledWith(
      { asset: "PETR4:B", kind: "price_not_positive", field: "trade.price", value: -0, messageType: "trade" },
      "impossible feed data dropped: resyncing asset",
    );
    vi.advanceTimersByTime(10_000);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenLastCalledWith(
      expect.objectContaining({ asset: "PETR4:B", value: -999, repeated: 999 }),
      expect.stringContaining("999 more"),
    );
  });
});
