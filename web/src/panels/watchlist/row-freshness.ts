import type { Quote } from "@pregao/contracts";

/**
 * Local epoch ms at which `quote` turns stale (receivedAt is BFF time; skew = server − local): a streaming quote the
 * BFF has not refreshed for its `staleAfterMs` (`feed:status` `staleness.dataStaleAfterMs`) is stale even while the feed
 * claims live. Null without a quote or before the first status (then only the link decides, and it is not live yet).
 */
export function quoteStaleAt(
  quote: Quote | undefined,
  skewMs: number,
  staleAfterMs: number | null,
): number | null {
  return quote && staleAfterMs !== null ? quote.receivedAt - skewMs + staleAfterMs : null;
}

export type RowState = "fresh" | "stale" | "waiting" | "retrying";

/**
 * fresh: live feed and a recent quote. waiting: live feed, no quote yet. retrying: the feed is live but the BFF is
 * not receiving this asset's data (it says so in `feed:status` or on the quote itself) — whatever the quote's age.
 * stale: anything else — the feed is not live (stale, down, disconnected, connecting) or the quote is older than the
 * threshold.
 */
export function rowState(input: {
  hasQuote: boolean;
  feedLive: boolean;
  expired: boolean;
  noData?: boolean;
}): RowState {
  if (!input.feedLive) return "stale";
  if (input.noData) return "retrying";
  if (!input.hasQuote) return "waiting";
  return input.expired ? "stale" : "fresh";
}

/** Age in ms, by the local clock, of a quote the BFF received at `receivedAt` (server time). */
export function quoteAgeMs(receivedAt: number, skewMs: number, now: number): number {
  return Math.max(0, now - (receivedAt - skewMs));
}
