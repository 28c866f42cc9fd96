import { Trans } from "react-i18next";
import { i18n } from "../../i18n/i18n.ts";
import { useT } from "../../i18n/use-t.ts";
import { useOrder } from "../../stream/orders-store.ts";
import { describeOrderError } from "./order-error-text.ts";
import type { SubmitState } from "./use-ticket-submit.ts";

interface TicketStatusProps {
  state: SubmitState;
  /** The instrument's tick, to print prices in refusals. */
  tickSize: number | undefined;
  onRetry(): void;
}

/** The last submit's outcome: the ack (live status from the stream), or why it was refused. */
export function TicketStatus({ state, tickSize, onRetry }: TicketStatusProps) {
  const t = useT();
  if (state.kind === "idle" || state.kind === "confirm") return null;
  if (state.kind === "sending")
    return (
      <p className="ticket-status" role="status">
        {t("ticket.sending")}
      </p>
    );
  if (state.kind === "acked")
    return <Ack orderId={state.order.orderId} fallbackStatus={state.order.status} />;
  return (
    <div className="ticket-status ticket-refused" role="alert">
      <span>
        {state.code === "RISK_REJECTED" ? t("ticket.refusedByRisk") : t("ticket.notSent")}
        {describeOrderError(state.error, tickSize)}
      </span>
      {state.retryable && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}

function Ack({ orderId, fallbackStatus }: { orderId: string; fallbackStatus: string }) {
  const live = useOrder(orderId);
  const status = live?.status ?? fallbackStatus;
  return (
    <p className="ticket-status ticket-ack" role="status" data-testid="ticket-ack">
      <Trans
        i18n={i18n}
        i18nKey="ticket.ack"
        values={{ orderId, status }}
        components={{ id: <span className="num" />, status: <strong /> }}
      />
      {live?.reason && status === "REJECTED" ? `: ${live.reason}` : ""}
    </p>
  );
}
