import type { PriceCollarDetails, SubmitOrder } from "@pregao/contracts";
import { Trans } from "react-i18next";
import { ConfirmDialog } from "../../components/confirm-dialog.tsx";
import { i18n } from "../../i18n/i18n.ts";
import { useT } from "../../i18n/use-t.ts";
import { formatBRL, formatPercentPlain, formatPrice, formatQuantity } from "../../lib/format.ts";
import { collarSentence } from "./order-error-text.ts";
import type { PreSendWarning } from "./ticket-warnings.ts";

type Draft = Omit<SubmitOrder, "idempotencyKey">;

/** "BUY 2.000 PETR4:B @ 40,00" */
function OrderLine({ order, tickSize }: { order: Draft; tickSize: number | undefined }) {
  const t = useT();
  return (
    <p>
      {order.side} {formatQuantity(order.quantity)} {order.asset}{" "}
      {order.type === "MARKET"
        ? t("ticket.atMarket")
        : t("ticket.atPrice", { price: formatPrice(order.price, tickSize) })}
      {order.stopPrice !== undefined
        ? t("ticket.stopSuffix", { price: formatPrice(order.stopPrice, tickSize) })
        : ""}
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
  const t = useT();
  const buy = order.side === "BUY";
  return (
    <ConfirmDialog
      title={buy ? t("ticket.confirmBuyTitle") : t("ticket.confirmSellTitle")}
      confirmLabel={buy ? t("ticket.confirmBuy") : t("ticket.confirmSell")}
      danger={order.side === "SELL"}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <OrderLine order={order} tickSize={tickSize} />
      {warnings.map((w) =>
        w.kind === "notional" ? (
          <p key={w.kind}>
            <Trans
              i18n={i18n}
              i18nKey="ticket.notionalAbove"
              values={{ value: formatBRL(w.notional), threshold: formatBRL(w.threshold) }}
              components={{ strong: <strong /> }}
            />
          </p>
        ) : (
          <p key={w.kind} className="ticket-warning">
            <Trans
              i18n={i18n}
              i18nKey={buy ? "ticket.stopTriggersBuy" : "ticket.stopTriggersSell"}
              values={{ stop: formatPrice(w.stopPrice, tickSize), last: formatPrice(w.last, tickSize) }}
              components={{ strong: <strong /> }}
            />
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
  const t = useT();
  return (
    <ConfirmDialog
      title={t("ticket.collarTitle")}
      confirmLabel={order.side === "BUY" ? t("ticket.sendBuyAnyway") : t("ticket.sendSellAnyway")}
      danger
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <OrderLine order={order} tickSize={tickSize} />
      <p className="ticket-warning">
        {t("ticket.collarNeedsConfirm", {
          sentence: collarSentence(collar, tickSize),
          pct: formatPercentPlain(collar.collarPct),
        })}
      </p>
    </ConfirmDialog>
  );
}
