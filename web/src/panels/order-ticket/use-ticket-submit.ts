import { useCallback, useState } from "react";
import type { Order, PriceCollarDetails, SubmitOrder } from "@pregao/contracts";
import { ApiError } from "../../lib/api-client.ts";
import { submitOrder } from "../../lib/trading.ts";
import { useOrdersStore } from "../../stream/orders-store.ts";
import { collarConfirmation } from "./order-error-text.ts";

export type SubmitState =
  | { kind: "idle" }
  | { kind: "sending"; order: SubmitOrder }
  | { kind: "acked"; order: Order }
  /** 428: the price is outside the collar; the trader confirms (same order, same key) or cancels (nothing sent). */
  | { kind: "confirm"; order: SubmitOrder; collar: PriceCollarDetails }
  | { kind: "failed"; order: SubmitOrder; error: unknown; retryable: boolean; code: string };

/**
 * Sends one ticket submit. A new submit gets a fresh idempotency key; "Retry" and a collar confirmation resend the same
 * order with the same key, so a submit that did reach the order manager is never placed twice.
 */
export function useTicketSubmit() {
  const [state, setState] = useState<SubmitState>({ kind: "idle" });
  const send = useCallback(async (order: SubmitOrder) => {
    setState({ kind: "sending", order });
    try {
      const ack = await submitOrder(order);
      useOrdersStore.getState().apply([ack]);
      setState({ kind: "acked", order: ack });
    } catch (err) {
      const collar = collarConfirmation(err);
      if (collar && !order.confirm?.includes("PRICE_COLLAR"))
        return setState({ kind: "confirm", order, collar });
      const retryable = err instanceof ApiError ? err.retryable : true;
      const code = err instanceof ApiError ? err.code : "UNKNOWN";
      setState({ kind: "failed", order, error: err, retryable, code });
    }
  }, []);
  const submit = useCallback(
    (order: Omit<SubmitOrder, "idempotencyKey">) => send({ ...order, idempotencyKey: crypto.randomUUID() }),
    [send],
  );
  const retry = useCallback(() => {
    if (state.kind === "failed") void send(state.order);
  }, [send, state]);
  /** The second confirmation of a collar 428: the same order and key, plus `confirm: ["PRICE_COLLAR"]`. */
  const confirmCollar = useCallback(() => {
    if (state.kind === "confirm") void send({ ...state.order, confirm: ["PRICE_COLLAR"] });
  }, [send, state]);
  const reset = useCallback(() => setState({ kind: "idle" }), []);
  return { state, submit, retry, confirmCollar, reset };
}
