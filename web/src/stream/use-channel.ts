import { useEffect } from "react";
import { bookSubscriptions, tradeSubscriptions } from "./trading-stream.ts";

/** Keep the depth of `asset` subscribed while mounted. */
export function useBookSubscription(asset: string): void {
  useEffect(() => bookSubscriptions.retain(asset), [asset]);
}

/** Keep the tape of `asset` subscribed while mounted. */
export function useTradeSubscription(asset: string): void {
  useEffect(() => tradeSubscriptions.retain(asset), [asset]);
}
