import { memo } from "react";
import { WORKING_STATUSES } from "@pregao/contracts";
import { formatPrice, formatTime } from "../../lib/format.ts";
import { useOrder } from "../../stream/orders-store.ts";
import { VALIDITY_NAMES } from "./blotter-columns.ts";

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
            aria-label={`Cancel ${o.orderId}`}
            onClick={() => onCancel(o.orderId)}
          >
            Cancel
          </button>
        )}
      </td>
      <td className="num">{formatTime(o.createdAt)}</td>
      <td title={o.asset}>{o.asset}</td>
      <td className={o.side === "BUY" ? "up" : "down"}>{o.side}</td>
      <td title={o.type}>{o.type === "STOP_LIMIT" ? "STOP" : o.type}</td>
      <td className="num">{o.quantity.toLocaleString("pt-BR")}</td>
      <td className="num">{o.filledQuantity.toLocaleString("pt-BR")}</td>
      <td className="num">{o.price === null ? "MKT" : formatPrice(o.price, tick)}</td>
      <td className="num">{o.stopPrice === null ? "" : formatPrice(o.stopPrice, tick)}</td>
      <td className="num">{formatPrice(o.avgFillPrice, tick)}</td>
      <td title={VALIDITY_NAMES[o.timeInForce]}>{o.timeInForce}</td>
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
