import { infiniteQueryOptions } from "@tanstack/react-query";
import { candlesResponseSchema, type CandleInterval } from "@pregao/contracts";
import { api, call } from "../../lib/api-client.ts";

/** Bars per history page: a screen's worth and some scroll-back. */
export const CANDLES_PAGE = 300;

export const candleKeys = {
  all: ["candles"] as const,
  history: (asset: string, interval: CandleInterval) => [...candleKeys.all, asset, interval] as const,
};

/**
 * Closed and forming bars of (asset, interval) before `to`, newest page first. `nextTo` of a page is the `to` of the
 * older page (null: no older data), so scrolling left is `fetchNextPage`.
 */
export const candlesQueryOptions = (asset: string, interval: CandleInterval) =>
  infiniteQueryOptions({
    queryKey: candleKeys.history(asset, interval),
    queryFn: ({ pageParam, signal }) => {
      const query = {
        asset,
        interval,
        limit: String(CANDLES_PAGE),
        ...(pageParam !== null ? { to: String(pageParam) } : {}),
      };
      return call((o) => api.candles.$get({ query }, o), candlesResponseSchema, { signal });
    },
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextTo,
    // The forming bar comes over the socket; history only changes when bars close, which the socket also shows.
    staleTime: 5 * 60_000,
    gcTime: 60_000,
  });
