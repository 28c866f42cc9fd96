import { describe, expect, it } from "vitest";
import type { Order } from "@pregao/contracts";
import { orderIdsFor, tabCounts, tabOf } from "./blotter-filter.ts";

const o = (orderId: string, status: Order["status"], createdAt: number) =>
  ({ orderId, status, createdAt }) as Order;
const orders = [
  o("a", "SUBMITTED", 1),
  o("b", "FILLED", 2),
  o("c", "PARTIALLY_FILLED", 3),
  o("d", "REJECTED", 4),
  o("e", "EXPIRED", 5),
];

describe("blotter filter", () => {
  it("maps statuses to tabs", () => {
    expect(tabOf("PENDING")).toBe("working");
    expect(tabOf("CANCELED")).toBe("cancelled");
    expect(tabOf("FAILED")).toBe("rejected");
  });
  it("lists a tab newest first", () => {
    expect(orderIdsFor(orders, "working")).toEqual(["c", "a"]);
    expect(orderIdsFor(orders, "all")).toEqual(["e", "d", "c", "b", "a"]);
  });
  it("counts per tab", () =>
    expect(tabCounts(orders)).toEqual({ working: 2, filled: 1, cancelled: 1, rejected: 1, all: 5 }));
});
