import { memo } from "react";
import { WORKING_STATUSES } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { formatPrice, formatQuantity, formatTime } from "../../lib/format.ts";
import { useOrder } from "../../stream/orders-store.ts";
import { validityName } from "./blotter-columns.ts";

interface BlotterRowProps {
  orderId: string;
  showAccount: boolean;
  canCancel: boolean;
  tickOf(asset: string): number | undefined;
  onCancel(orderId: string): void;
}

/** One order; re-renders only when that order changes in the store. */
export const BlotterRow = memo(function BlotterRow(props: BlotterRowProps) {
  const { orderId, showAccount, canCancel, tickOf, onCancel } = props;
  const t = useT();
  const o = useOrder(orderId);
  if (!o) return null;
  const tick = tickOf(o.asset);
  const working = WORKING_STATUSES.includes(o.status);
  return (
    <tr data-testid={`order-${o.orderId}`} data-status={o.status}>
      <td>
        {canCancel && working && (
          <button
            type="button"
            className="btn btn-small"
            aria-label={t("blotter.cancelOrder", { orderId: o.orderId })}
            onClick={() => onCancel(o.orderId)}
          >
            {t("blotter.cancel")}
          </button>
        )}
      </td>
      <td className="num">{formatTime(o.createdAt)}</td>
      <td title={o.asset}>{o.asset}</td>
      <td className={o.side === "BUY" ? "up" : "down"}>{t(`blotter.sides.${o.side}`)}</td>
      <td title={t(`ticket.types.${o.type}`)}>{t(`blotter.typesShort.${o.type}`)}</td>
      <td className="num">{formatQuantity(o.quantity)}</td>
      <td className="num">{formatQuantity(o.filledQuantity)}</td>
      <td className="num">{o.price === null ? t("blotter.market") : formatPrice(o.price, tick)}</td>
      <td className="num">{o.stopPrice === null ? "" : formatPrice(o.stopPrice, tick)}</td>
      <td className="num">{formatPrice(o.avgFillPrice, tick)}</td>
      <td title={validityName(o.timeInForce)}>{o.timeInForce}</td>
      <td>
        <span className={`bl-status bl-${o.status.toLowerCase()}`}>{o.status}</span>
      </td>
      <td className="bl-reason" title={o.reason ?? undefined}>
        {o.reason ?? ""}
      </td>
      <td className="bl-id" title={o.orderId}>
        {o.orderId}
      </td>
      {showAccount && <td>{`${o.account.brokerId}:${o.account.accountId}`}</td>}
    </tr>
  );
});
