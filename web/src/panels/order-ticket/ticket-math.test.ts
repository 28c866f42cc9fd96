import { describe, expect, it } from "vitest";
import type { AssetInfo } from "@pregao/contracts";
import {
  buildOrder,
  confirmThreshold,
  notional,
  parsePrice,
  roundToTick,
  stepPrice,
  type TicketDraft,
} from "./ticket-math.ts";

const info = {
  asset: "PETR4:B",
  tickSize: 0.01,
  lot: 100,
  minOrderQty: 100,
  contractMultiplier: 1,
} as AssetInfo;
const draft: TicketDraft = {
  account: { brokerId: 308, accountId: "10001" },
  asset: "PETR4:B",
  type: "LIMIT",
  lots: 2,
  price: "37,28",
  stopPrice: "",
  timeInForce: "DAY",
};

describe("ticket math", () => {
  it("steps by one tick without float drift", () => {
    expect(stepPrice(37.28, 0.01, 1)).toBe(37.29);
    expect(stepPrice(0.3, 0.1, -1)).toBe(0.2);
    expect(stepPrice(0.01, 0.01, -1)).toBe(0.01);
    expect(stepPrice(128455, 5, 1)).toBe(128460);
    expect(roundToTick(37.284, 0.01)).toBe(37.28);
  });
  it("parses pt-BR and dotted prices", () => {
    expect(parsePrice("37,28")).toBe(37.28);
    expect(parsePrice("1.234,5")).toBe(1234.5);
    expect(parsePrice("37.28")).toBe(37.28);
    expect(parsePrice("abc")).toBeNaN();
  });
  it("builds a limit order in units (lots × lot)", () => {
    expect(buildOrder(draft, "BUY", info)).toEqual({
      ok: true,
      order: {
        account: draft.account,
        asset: "PETR4:B",
        side: "BUY",
        type: "LIMIT",
        quantity: 200,
        price: 37.28,
        timeInForce: "DAY",
      },
    });
  });
  it("refuses off-tick prices, missing stop, zero lots", () => {
    expect(buildOrder({ ...draft, price: "37,285" }, "BUY", info)).toMatchObject({ ok: false });
    expect(buildOrder({ ...draft, type: "STOP_LIMIT" }, "BUY", info)).toEqual({
      ok: false,
      error: "Enter a stop price",
    });
    expect(buildOrder({ ...draft, lots: 0 }, "BUY", info)).toMatchObject({ ok: false });
    expect(buildOrder(draft, "BUY", undefined)).toMatchObject({ ok: false });
  });
  it("checks the tick grid exactly, in whole ticks (no float tolerance)", () => {
    // Within the old tolerance (tick / 1e6) but off the grid: the order manager refuses it, so the ticket must too.
    expect(buildOrder({ ...draft, price: "33.500000001" }, "BUY", info)).toMatchObject({ ok: false });
    expect(buildOrder({ ...draft, price: "37,29" }, "BUY", info)).toMatchObject({ ok: true });
    expect(
      buildOrder({ ...draft, type: "STOP_LIMIT", stopPrice: "37.280000001" }, "BUY", info),
    ).toMatchObject({ ok: false, error: "Stop price must be a multiple of 0.01" });
  });
  it("market orders carry no price", () => {
    const r = buildOrder({ ...draft, type: "MARKET" }, "SELL", info);
    expect(r.ok && r.order.price).toBeUndefined();
  });
  it("notional and threshold", () => {
    expect(notional(200, 37.28, 1)).toBeCloseTo(7456);
    expect(confirmThreshold(undefined)).toBe(50_000);
    expect(confirmThreshold("1000")).toBe(1000);
    expect(confirmThreshold("x")).toBe(50_000);
  });
});
