import { describe, expect, it } from "vitest";
import { ProfitDllStatus, toOrderStatus } from "./status.ts";

describe("toOrderStatus", () => {
  it("maps every TConnectorOrderStatus code", () => {
    const expected: Record<keyof typeof ProfitDllStatus, string> = {
      NEW: "SUBMITTED",
      PARTIALLY_FILLED: "PARTIALLY_FILLED",
      FILLED: "FILLED",
      DONE_FOR_DAY: "EXPIRED",
      CANCELED: "CANCELED",
      REPLACED: "SUBMITTED",
      PENDING_CANCEL: "SUBMITTED",
      STOPPED: "SUBMITTED",
      REJECTED: "REJECTED",
      SUSPENDED: "PENDING",
      PENDING_NEW: "PENDING",
      CALCULATED: "SUBMITTED",
      EXPIRED: "EXPIRED",
      ACCEPTED_FOR_BIDDING: "SUBMITTED",
      PENDING_REPLACE: "SUBMITTED",
      PARTIALLY_FILLED_CANCELED: "CANCELED",
      RECEIVED: "PENDING",
      PARTIALLY_FILLED_EXPIRED: "EXPIRED",
      PARTIALLY_FILLED_REJECTED: "REJECTED",
      UNKNOWN: "FAILED",
      HADES_CREATED: "PENDING",
      BROKER_SENT: "PENDING",
      CLIENT_CREATED: "PENDING",
      ORDER_NOT_CREATED: "REJECTED",
      CANCELED_BY_ADMIN: "CANCELED",
      DELAY_FIX_GATEWAY: "PENDING",
      SCHEDULED_ORDER: "PENDING",
    };
    for (const [name, code] of Object.entries(ProfitDllStatus))
      expect([name, toOrderStatus(code)]).toEqual([name, expected[name as keyof typeof ProfitDllStatus]]);
    expect(Object.keys(ProfitDllStatus)).toHaveLength(27);
  });

  it("reports an unknown code as FAILED, never as working", () => {
    expect(toOrderStatus(99)).toBe("FAILED");
    expect(toOrderStatus(-1)).toBe("FAILED");
  });
});
