import { useCallback, useState } from "react";
import type { Order, SubmitOrder } from "@pregao/contracts";
import { ApiError } from "../../lib/api-client.ts";
import { orderErrorText, submitOrder } from "../../lib/trading.ts";
import { useOrdersStore } from "../../stream/orders-store.ts";

export type SubmitState =
  | { kind: "idle" }
  | { kind: "sending"; order: SubmitOrder }
  | { kind: "acked"; order: Order }
  | { kind: "failed"; order: SubmitOrder; message: string; retryable: boolean; code: string };

/**
 * Sends one ticket submit. A new submit gets a fresh idempotency key; "Retry" resends the same order with the same
 * key, so a submit that did reach the order manager is never placed twice.
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
      const retryable = err instanceof ApiError ? err.retryable : true;
      const code = err instanceof ApiError ? err.code : "UNKNOWN";
      setState({ kind: "failed", order, message: orderErrorText(err), retryable, code });
    }
  }, []);
  const submit = useCallback(
    (order: Omit<SubmitOrder, "idempotencyKey">) => send({ ...order, idempotencyKey: crypto.randomUUID() }),
    [send],
  );
  const retry = useCallback(() => {
    if (state.kind === "failed") void send(state.order);
  }, [send, state]);
  const reset = useCallback(() => setState({ kind: "idle" }), []);
  return { state, submit, retry, reset };
}
