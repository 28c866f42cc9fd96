import type { QueryClient } from "@tanstack/react-query";
import { queryKeys } from "../lib/query-keys.ts";

/**
 * After a reconnect the server could not recover, the `orders:updated` / `positions:updated` sent while away are
 * lost: mark the REST seeds of those stores stale, so the panels showing them re-fetch now (and any other on mount).
 * Market data needs nothing here: every connect re-subscribes and the acks carry snapshots.
 */
export function refetchAfterMissedEvents(queryClient: QueryClient): Promise<void> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.all }),
    queryClient.invalidateQueries({ queryKey: queryKeys.positions.all }),
  ]).then(() => undefined);
}
