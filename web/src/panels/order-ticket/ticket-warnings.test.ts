import { describe, expect, it } from "vitest";
import type { SubmitOrder } from "@pregao/contracts";
import { preSendWarnings, stopTriggersAtOnce } from "./ticket-warnings.ts";

const stop = (side: "BUY" | "SELL", stopPrice: number): Omit<SubmitOrder, "idempotencyKey"> => ({
  account: { brokerId: 308, accountId: "10001" },
  asset: "PETR4:B",
  side,
  type: "STOP_LIMIT",
  quantity: 100,
  price: stopPrice,
  stopPrice,
  timeInForce: "DAY",
});

describe("pre-send warnings", () => {
  it("a buy stop at or below last, or a sell stop at or above it, triggers at once", () => {
    expect(stopTriggersAtOnce(stop("BUY", 37.4), 37.4)).toBe(true);
    expect(stopTriggersAtOnce(stop("BUY", 37.3), 37.4)).toBe(true);
    expect(stopTriggersAtOnce(stop("BUY", 37.5), 37.4)).toBe(false);
    expect(stopTriggersAtOnce(stop("SELL", 37.5), 37.4)).toBe(true);
    expect(stopTriggersAtOnce(stop("SELL", 37.3), 37.4)).toBe(false);
    expect(stopTriggersAtOnce(stop("SELL", 37.5), null)).toBe(false);
    expect(stopTriggersAtOnce({ ...stop("BUY", 30), type: "LIMIT" }, 37.4)).toBe(false);
  });

  it("collects the notional and the stop warnings together", () => {
    expect(preSendWarnings(stop("BUY", 37.3), 37.4, 1, 50_000)).toEqual([
      { kind: "stop-triggers", stopPrice: 37.3, last: 37.4 },
    ]);
    expect(preSendWarnings({ ...stop("BUY", 37.3), quantity: 10_000 }, 37.4, 1, 50_000)).toEqual([
      { kind: "notional", notional: 373_000, threshold: 50_000 },
      { kind: "stop-triggers", stopPrice: 37.3, last: 37.4 },
    ]);
    expect(preSendWarnings(stop("BUY", 37.5), 37.4, 1, 50_000)).toEqual([]);
  });
});
