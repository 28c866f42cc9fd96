import type { Quote } from "@pregao/contracts";

/** A streaming quote the BFF has not refreshed for this long is shown as stale, even while the feed claims live. */
export const QUOTE_STALE_AFTER_MS = 5000;

/** Local epoch ms at which `quote` turns stale (receivedAt is BFF time; skew = server − local). */
export function quoteStaleAt(quote: Quote | undefined, skewMs: number): number | null {
  return quote ? quote.receivedAt - skewMs + QUOTE_STALE_AFTER_MS : null;
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

/** Change % from last and previous close when both exist (exact), else the BFF's `changePct`. */
export function changePercent(quote: Quote | undefined): number | null {
  if (!quote) return null;
  if (quote.last !== null && quote.previousClose) {
    return ((quote.last - quote.previousClose) / quote.previousClose) * 100;
  }
  return quote.changePct;
}
