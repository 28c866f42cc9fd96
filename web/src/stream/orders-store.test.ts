import { describe, expect, it } from "vitest";
import type { Order } from "@pregao/contracts";
import { useOrdersStore } from "./orders-store.ts";

const o = (status: Order["status"], updatedAt: number) =>
  ({ orderId: "1", status, updatedAt, filledQuantity: 0 }) as Order;

describe("orders store", () => {
  it("never lets an older version replace a newer one", () => {
    const s = useOrdersStore.getState();
    s.clear();
    s.apply([o("SUBMITTED", 1)]);
    s.apply([o("FILLED", 3)]);
    s.apply([o("SUBMITTED", 2)]);
    expect(useOrdersStore.getState().orders.get("1")?.status).toBe("FILLED");
  });
});
