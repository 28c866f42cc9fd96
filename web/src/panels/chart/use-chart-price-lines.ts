import { useMemo } from "react";
import { useLocale } from "../../i18n/use-t.ts";
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
  // The titles are words and numbers in the active language: a switch re-titles the lines.
  const locale = useLocale();
  return useMemo(() => {
    const lines = priceLinesFor(asset, orders.values(), positions ?? []);
    return lines.length === 0 ? NONE : lines;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- locale is read by t() and the formatters
  }, [asset, orders, positions, locale]);
}
