import { useEffect } from "react";
import { quoteSubscriptions } from "./socket-client.ts";

/** Keep `assets` subscribed while the component is mounted (ref-counted across the page). */
export function useQuoteSubscriptions(assets: readonly string[]): void {
  const key = assets.join(",");
  useEffect(() => {
    if (key === "") return;
    return quoteSubscriptions.retain(key.split(","));
  }, [key]);
}
