import { formatAge } from "../lib/format.ts";
import { useIsPast, useNow } from "../lib/use-now.ts";
import { selectDataStaleAfterMs, useFeedStatusStore } from "./feed-status-store.ts";
import { useQuote } from "./quotes-store.ts";
import { useFeedKind } from "./use-feed-view.ts";

/**
 * How old one asset's market data is, for panels that show it (depth, tape). The rule is the watchlist's: stale when
 * the feed link is not live, when the BFF says it is not receiving the asset's data (pending/retrying), or when the
 * BFF has not refreshed the asset's quote for the server's threshold (`feed:status` `staleness.dataStaleAfterMs`). The
 * quote's `receivedAt` is the asset's clock: every book top or trade refreshes it.
 */
export interface DataFreshness {
  stale: boolean;
  /** When the BFF last refreshed the asset (server epoch ms); null before any data. */
  receivedAt: number | null;
  /** Server minus local clock (ms). */
  skewMs: number;
}

export interface FreshnessInput {
  feedLive: boolean;
  /** The BFF says it is not receiving this asset's data (`feed:status` assets, or the quote's `dataState`). */
  assetNotOk?: boolean;
  receivedAt: number | null;
  skewMs: number;
  staleAfterMs: number | null;
}

/** Local epoch ms at which the data turns stale by age; null when age cannot make it stale. */
export function staleDeadline(input: FreshnessInput): number | null {
  if (input.receivedAt === null || input.staleAfterMs === null) return null;
  return input.receivedAt - input.skewMs + input.staleAfterMs;
}

/** Stale when the link is not live, or the data is past its deadline. No data on a live link is waiting, not stale. */
export function isStale(input: FreshnessInput, expired: boolean): boolean {
  if (!input.feedLive || input.assetNotOk) return true;
  return input.receivedAt !== null && expired;
}

/** Age in ms, by the local clock, of data the BFF received at `receivedAt` (server time). */
export function dataAgeMs(receivedAt: number, skewMs: number, now: number): number {
  return Math.max(0, now - (receivedAt - skewMs));
}

/** The freshness of `asset`; re-renders when the feed kind flips, the quote changes, or the deadline passes. */
export function useAssetFreshness(asset: string): DataFreshness {
  const feedLive = useFeedKind() === "live";
  const quote = useQuote(asset);
  const skewMs = useFeedStatusStore((s) => s.skewMs);
  const listedNotOk = useFeedStatusStore((s) => s.status?.assets?.some((a) => a.asset === asset) ?? false);
  const staleAfterMs = useFeedStatusStore(selectDataStaleAfterMs);
  const input: FreshnessInput = {
    feedLive,
    assetNotOk: listedNotOk || quote?.dataState !== undefined,
    receivedAt: quote?.receivedAt ?? null,
    skewMs,
    staleAfterMs,
  };
  const expired = useIsPast(staleDeadline(input));
  return { stale: isStale(input, expired), receivedAt: input.receivedAt, skewMs };
}

/** "12 s ago", ticking once a second (mount it only while stale, as the watchlist does). */
export function useAgeText(receivedAt: number, skewMs: number): string {
  const now = useNow(1000);
  return formatAge(dataAgeMs(receivedAt, skewMs, now));
}
