import type { Order, OrderStatus } from "@pregao/contracts";

export type BlotterTab = "working" | "filled" | "cancelled" | "rejected" | "all";

export const BLOTTER_TABS: readonly BlotterTab[] = ["working", "filled", "cancelled", "rejected", "all"];

const TAB_STATUSES: Record<Exclude<BlotterTab, "all">, readonly OrderStatus[]> = {
  working: ["PENDING", "SUBMITTED", "PARTIALLY_FILLED"],
  filled: ["FILLED"],
  cancelled: ["CANCELED", "EXPIRED"],
  rejected: ["REJECTED", "FAILED"],
};

/** Which tab an order belongs to. */
export function tabOf(status: OrderStatus): Exclude<BlotterTab, "all"> {
  for (const [tab, statuses] of Object.entries(TAB_STATUSES)) {
    if (statuses.includes(status)) return tab as Exclude<BlotterTab, "all">;
  }
  return "rejected";
}

/** Ids of the orders in `tab`, newest first. */
export function orderIdsFor(orders: Iterable<Order>, tab: BlotterTab): string[] {
  return [...orders]
    .filter((o) => tab === "all" || tabOf(o.status) === tab)
    .sort((a, b) => b.createdAt - a.createdAt || (a.orderId < b.orderId ? 1 : -1))
    .map((o) => o.orderId);
}

/** How many orders each tab holds (the tab labels show them). */
export function tabCounts(orders: Iterable<Order>): Record<BlotterTab, number> {
  const counts: Record<BlotterTab, number> = { working: 0, filled: 0, cancelled: 0, rejected: 0, all: 0 };
  for (const o of orders) {
    counts[tabOf(o.status)] += 1;
    counts.all += 1;
  }
  return counts;
}
