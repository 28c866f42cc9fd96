import { create } from "zustand";
import type { Order } from "@pregao/contracts";

interface OrdersState {
  /** Every known order by id; unchanged orders keep their identity so rows re-render alone. */
  orders: ReadonlyMap<string, Order>;
  /** Merge orders from REST or the socket; an older version of an order never replaces a newer one. */
  apply(batch: Iterable<Order>): void;
  clear(): void;
}

export const useOrdersStore = create<OrdersState>()((set) => ({
  orders: new Map(),
  apply: (batch) =>
    set((s) => {
      let next: Map<string, Order> | null = null;
      for (const o of batch) {
        const prev = (next ?? s.orders).get(o.orderId);
        if (prev && (prev === o || prev.updatedAt > o.updatedAt)) continue;
        if (
          prev &&
          prev.updatedAt === o.updatedAt &&
          prev.status === o.status &&
          prev.filledQuantity === o.filledQuantity
        )
          continue;
        next ??= new Map(s.orders);
        next.set(o.orderId, o);
      }
      return next ? { orders: next } : s;
    }),
  clear: () => set({ orders: new Map() }),
}));

export const useOrder = (orderId: string): Order | undefined => useOrdersStore((s) => s.orders.get(orderId));
