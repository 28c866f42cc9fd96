import type { PriceCollarDetails, SubmitOrder } from "@pregao/contracts";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { formatBRL, formatPercentPlain, formatPrice, formatQuantity } from "../../lib/format.ts";
import { collarSentence } from "./order-error-text.ts";
import type { PreSendWarning } from "./ticket-warnings.ts";

type Draft = Omit<SubmitOrder, "idempotencyKey">;
const verb = (o: Draft) => (o.side === "BUY" ? "buy" : "sell");

/** "BUY 2.000 PETR4:B @ 40,00" */
function OrderLine({ order, tickSize }: { order: Draft; tickSize: number | undefined }) {
  return (
    <p>
      {order.side} {formatQuantity(order.quantity)} {order.asset}{" "}
      {order.type === "MARKET" ? "at market" : `@ ${formatPrice(order.price, tickSize)}`}
      {order.stopPrice !== undefined ? `, stop ${formatPrice(order.stopPrice, tickSize)}` : ""}
    </p>
  );
}

interface PreSendProps {
  order: Draft;
  warnings: readonly PreSendWarning[];
  tickSize: number | undefined;
  onConfirm(): void;
  onCancel(): void;
}

/** The ticket's own checks (large notional, a stop that triggers at once), confirmed before anything is sent. */
export function PreSendDialog({ order, warnings, tickSize, onConfirm, onCancel }: PreSendProps) {
  return (
    <ConfirmDialog
      title={`Confirm ${verb(order)} order`}
      confirmLabel={`Confirm ${verb(order)}`}
      danger={order.side === "SELL"}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <OrderLine order={order} tickSize={tickSize} />
      {warnings.map((w) =>
        w.kind === "notional" ? (
          <p key={w.kind}>
            Notional <strong>{formatBRL(w.notional)}</strong> is above {formatBRL(w.threshold)}.
          </p>
        ) : (
          <p key={w.kind} className="ticket-warning">
            The stop {formatPrice(w.stopPrice, tickSize)} is already{" "}
            {order.side === "BUY" ? "at or below" : "at or above"} the last trade{" "}
            {formatPrice(w.last, tickSize)}: this stop-limit <strong>triggers at once</strong>.
          </p>
        ),
      )}
    </ConfirmDialog>
  );
}

interface CollarProps {
  order: Draft;
  collar: PriceCollarDetails;
  tickSize: number | undefined;
  onConfirm(): void;
  onCancel(): void;
}

/** The order manager's 428: the price is far from the last trade. Confirm resends the same order; cancel sends nothing. */
export function CollarDialog({ order, collar, tickSize, onConfirm, onCancel }: CollarProps) {
  return (
    <ConfirmDialog
      title="Confirm price far from last trade"
      confirmLabel={`Send ${verb(order)} anyway`}
      danger
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <OrderLine order={order} tickSize={tickSize} />
      <p className="ticket-warning">
        {collarSentence(collar, tickSize)}. Orders more than {formatPercentPlain(collar.collarPct)} from the
        last trade need a second confirmation.
      </p>
    </ConfirmDialog>
  );
}
