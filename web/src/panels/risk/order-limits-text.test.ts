import { describe, expect, it } from "vitest";
import { formatOrderLimits, parseOrderLimits } from "./order-limits-text.ts";

describe("order-limit lines of the risk limits form", () => {
  it("round-trips the overrides risk set", () => {
    const set = { "PETR4:B": { maxOrderQty: 5000, collarPct: 2, hardCollarPct: 5 } };
    expect(formatOrderLimits(set)).toBe("PETR4:B qty=5000 collar=2 hard=5");
    expect(parseOrderLimits(formatOrderLimits(set), set)).toEqual(set);
  });

  it("sends null for an asset no longer listed and reads short keys", () => {
    const before = { "PETR4:B": { maxOrderQty: 5000 }, "VALE3:B": { collarPct: 1 } };
    expect(parseOrderLimits("vale3:b notional=2000000.5", before)).toEqual({
      "VALE3:B": { maxOrderNotional: 2000000.5 },
      "PETR4:B": null,
    });
  });

  it("refuses a malformed line", () => {
    expect(parseOrderLimits("PETR4:B", {})).toBeNull();
    expect(parseOrderLimits("PETR4 qty=1", {})).toBeNull();
    expect(parseOrderLimits("PETR4:B size=1", {})).toBeNull();
    expect(parseOrderLimits("PETR4:B qty=1,000", {})).toBeNull();
  });
});
