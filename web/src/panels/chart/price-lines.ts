import { WORKING_STATUSES, type Order, type Position } from "@pregao/contracts";
import { t } from "../../i18n/i18n.ts";
import { formatQuantity } from "../../lib/format.ts";

/** One horizontal line the chart draws over the candles. */
export interface PriceLineSpec {
  /** Stable across updates (order id, or `avg:<account>`), so a line moves instead of being re-created. */
  key: string;
  price: number;
  title: string;
  kind: "buy" | "sell" | "average";
}

const working = new Set(WORKING_STATUSES);

/**
 * The trader's working orders on `asset` (at their limit price; a stop-limit also at its trigger) and the average
 * price of each open position on it.
 */
export function priceLinesFor(
  asset: string,
  orders: Iterable<Order>,
  positions: readonly Position[],
): PriceLineSpec[] {
  const lines: PriceLineSpec[] = [];
  for (const o of orders) {
    if (o.asset !== asset || !working.has(o.status)) continue;
    const kind = o.side === "BUY" ? "buy" : "sell";
    const open = formatQuantity(o.quantity - o.filledQuantity);
    const label = o.side === "BUY" ? t("chart.lineBuy", { qty: open }) : t("chart.lineSell", { qty: open });
    if (o.price !== null) lines.push({ key: o.orderId, price: o.price, title: label, kind });
    if (o.type === "STOP_LIMIT" && o.stopPrice !== null)
      lines.push({
        key: `${o.orderId}:stop`,
        price: o.stopPrice,
        title: t("chart.lineStop", { label }),
        kind,
      });
  }
  for (const p of positions) {
    if (p.asset !== asset || p.netQuantity === 0 || p.averagePrice === null) continue;
    const account = `${p.account.brokerId}:${p.account.accountId}`;
    const title = t("chart.lineAvg", {
      qty: `${p.netQuantity > 0 ? "+" : ""}${formatQuantity(p.netQuantity)}`,
    });
    lines.push({ key: `avg:${account}`, price: p.averagePrice, title, kind: "average" });
  }
  return lines;
}
