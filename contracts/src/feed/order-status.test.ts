import { describe, expect, it } from "vitest";
import { orderStatusSchema } from "../http/orders.ts";
import { ProfitDllOrderStatus, profitDllOrderStatuses, toOrderStatus } from "./order-status.ts";

describe("ProfitDLL order status (TConnectorOrderStatus)", () => {
  it("maps every code to an OM-SPEC status (the table in docs/trading.md)", () => {
    const expected: Record<number, string> = {
      0: "SUBMITTED",
      1: "PARTIALLY_FILLED",
      2: "FILLED",
      3: "EXPIRED",
      4: "CANCELED",
      5: "SUBMITTED",
      6: "SUBMITTED",
      7: "SUBMITTED",
      8: "REJECTED",
      9: "PENDING",
      10: "PENDING",
      11: "SUBMITTED",
      12: "EXPIRED",
      13: "SUBMITTED",
      14: "SUBMITTED",
      15: "CANCELED",
      16: "PENDING",
      17: "EXPIRED",
      18: "REJECTED",
      200: "FAILED",
      201: "PENDING",
      202: "PENDING",
      203: "PENDING",
      204: "REJECTED",
      205: "CANCELED",
      206: "PENDING",
      207: "PENDING",
    };
    expect(Object.keys(profitDllOrderStatuses).map(Number)).toEqual(Object.keys(expected).map(Number));
    for (const code of Object.keys(profitDllOrderStatuses).map(Number)) {
      expect([code, toOrderStatus(code)]).toEqual([code, expected[code]]);
      expect(orderStatusSchema.safeParse(toOrderStatus(code)).success).toBe(true);
    }
  });

  it("names codes by key, the inverse of the one table", () => {
    expect(ProfitDllOrderStatus.NEW).toBe(0);
    expect(ProfitDllOrderStatus.PENDING_NEW).toBe(10);
    expect(ProfitDllOrderStatus.CANCELED_BY_ADMIN).toBe(205);
    for (const [code, key] of Object.entries(profitDllOrderStatuses))
      expect(ProfitDllOrderStatus[key]).toBe(Number(code));
  });

  it("reports an unknown code as FAILED, never as working", () => {
    expect(toOrderStatus(99)).toBe("FAILED");
    expect(toOrderStatus(-1)).toBe("FAILED");
  });
});
