import { useMemo } from "react";
import { useOrdersStore } from "../../stream/orders-store.ts";
import { usePositionsStore } from "../../stream/positions-store.ts";
import { priceLinesFor, type PriceLineSpec } from "./price-lines.ts";

const NONE: readonly PriceLineSpec[] = [];

/**
 * The selected asset's working orders and average prices, from the live stores (the blotter and positions panels
 * seed them over REST; the socket keeps them current). A viewer has none.
 */
export function useChartPriceLines(asset: string): readonly PriceLineSpec[] {
  const orders = useOrdersStore((s) => s.orders);
  const positions = usePositionsStore((s) => s.report?.positions);
  return useMemo(() => {
    const lines = priceLinesFor(asset, orders.values(), positions ?? []);
    return lines.length === 0 ? NONE : lines;
  }, [asset, orders, positions]);
}
