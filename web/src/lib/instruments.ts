import { useCallback, useEffect, useState } from "react";
import {
  keepPreviousData,
  queryOptions,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from "@tanstack/react-query";
import {
  INSTRUMENTS_LOOKUP_MAX,
  assetKeySchema,
  instrumentsResponseSchema,
  type AssetInfo,
} from "@pregao/contracts";
import { api, call } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

/**
 * Instrument reference data (tick sizes, lots, names) for what a panel shows. The BFF never sends the whole catalog
 * (50k instruments would be ~14 MB): panels look up the assets they show, one cache entry per asset, and search on
 * the server. Lookups issued in the same tick are batched into `?assets=` requests of at most 100.
 */
export const instrumentKeys = {
  asset: (asset: string) => [...queryKeys.instruments.all, "asset", asset] as const,
  search: (q: string, limit: number) => [...queryKeys.instruments.all, "search", q, limit] as const,
};

/** How long one batched lookup may take before it counts as failed. */
export const LOOKUP_TIMEOUT_MS = 10_000;

let batch: Map<string, Array<(r: { info?: AssetInfo | null; err?: unknown }) => void>> | null = null;

async function flush(pending: NonNullable<typeof batch>): Promise<void> {
  const assets = [...pending.keys()];
  for (let i = 0; i < assets.length; i += INSTRUMENTS_LOOKUP_MAX) {
    const chunk = assets.slice(i, i + INSTRUMENTS_LOOKUP_MAX);
    const settle = (r: { found?: Map<string, AssetInfo>; err?: unknown }) => {
      for (const a of chunk)
        for (const done of pending.get(a) ?? [])
          done(r.err ? { err: r.err } : { info: r.found?.get(a) ?? null });
    };
    // A lookup that never answers must become an error (retried every 5 s below), not a panel stuck "loading".
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), LOOKUP_TIMEOUT_MS);
    await call(
      (o) => api.instruments.$get({ query: { assets: chunk.join(",") } }, o),
      instrumentsResponseSchema,
      { signal: timeout.signal },
    )
      .then((r) => settle({ found: new Map(r.instruments.map((x) => [x.asset, x])) }))
      .catch((err: unknown) => settle({ err }))
      .finally(() => clearTimeout(timer));
  }
}

/** One asset's instrument, or null when the BFF does not know it; batched with the lookups of the same tick. */
export function loadInstrument(asset: string): Promise<AssetInfo | null> {
  // Half-typed text ("PETR") is no asset: answer at once instead of failing the whole batch with a 400.
  if (!assetKeySchema.safeParse(asset).success) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    if (!batch) {
      const pending = (batch = new Map());
      queueMicrotask(() => {
        batch = null;
        void flush(pending);
      });
    }
    const waiting = batch.get(asset) ?? [];
    waiting.push((r) => (r.err === undefined ? resolve(r.info ?? null) : reject(r.err)));
    batch.set(asset, waiting);
  });
}

/** One asset's instrument. Reference data: fresh for 30 minutes; while it fails (503 before the feed is up), every 5 s. */
export const instrumentQueryOptions = (asset: string) =>
  queryOptions({
    queryKey: instrumentKeys.asset(asset),
    queryFn: () => loadInstrument(asset),
    // An unknown asset may be listed soon (a catalog refresh); a known one changes rarely.
    staleTime: (query) => (query.state.data === null ? 30_000 : 30 * 60_000),
    refetchInterval: (query) => (query.state.status === "error" ? 5000 : false),
  });

/** Seeds the per-asset cache (from a search result), so a picked option's instrument is known at once. */
export function rememberInstruments(qc: QueryClient, list: readonly AssetInfo[]): void {
  for (const info of list) qc.setQueryData(instrumentKeys.asset(info.asset), info);
}

export interface InstrumentsLookup {
  /** The instruments found, in the order asked (unknown assets left out); undefined until all have answered once. */
  data: AssetInfo[] | undefined;
  isPending: boolean;
  isFetching: boolean;
  error: Error | null;
  refetch(): void;
}

/** The instruments of `assets` (the ones a panel shows). */
export function useInstruments(assets: readonly string[]): InstrumentsLookup {
  const unique = [...new Set(assets.filter((a) => a !== ""))];
  return useQueries({
    queries: unique.map((a) => instrumentQueryOptions(a)),
    combine: (results) => ({
      data: results.some((r) => r.data === undefined)
        ? undefined
        : results.flatMap((r) => (r.data ? [r.data] : [])),
      isPending: results.some((r) => r.isPending),
      isFetching: results.some((r) => r.isFetching),
      error: results.find((r) => r.error)?.error ?? null,
      refetch: () => results.forEach((r) => void r.refetch()),
    }),
  });
}

/** Whether the cache already holds `asset`'s instrument (looked up, or seen in a search). */
export function useKnownInstrument(): (asset: string) => boolean {
  const qc = useQueryClient();
  return useCallback((asset) => Boolean(qc.getQueryData(instrumentKeys.asset(asset))), [qc]);
}

/** Server-side search: ticker prefix first, then ticker/name/description contains. Results seed the per-asset cache. */
export const instrumentSearchQueryOptions = (qc: QueryClient, q: string, limit: number) =>
  queryOptions({
    queryKey: instrumentKeys.search(q, limit),
    queryFn: async ({ signal }) => {
      const { instruments } = await call(
        (o) => api.instruments.$get({ query: { q, limit: String(limit) } }, o),
        instrumentsResponseSchema,
        { signal },
      );
      rememberInstruments(qc, instruments);
      return instruments;
    },
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });

export interface InstrumentSearchState {
  /** The latest answer (the previous query's while a new one is on its way); [] for an empty query. */
  results: AssetInfo[];
  /** True once `results` answer exactly what is typed now: only then may a UI say "no match". */
  settled: boolean;
}

/** Search state for what the user is typing, debounced so each keystroke is not a request. */
export function useInstrumentSearchState(query: string, limit = 20, debounceMs = 150): InstrumentSearchState {
  const qc = useQueryClient();
  const trimmed = query.trim().slice(0, 64);
  const [q, setQ] = useState(trimmed);
  useEffect(() => {
    const t = setTimeout(() => setQ(trimmed), debounceMs);
    return () => clearTimeout(t);
  }, [trimmed, debounceMs]);
  const res = useQuery({ ...instrumentSearchQueryOptions(qc, q, limit), enabled: q !== "" });
  if (trimmed === "") return { results: [], settled: true };
  return { results: res.data ?? [], settled: q === trimmed && res.isSuccess && !res.isPlaceholderData };
}

/** Search results for what the user is typing, debounced; [] for an empty query. */
export function useInstrumentSearch(query: string, limit = 20, debounceMs = 150): AssetInfo[] {
  return useInstrumentSearchState(query, limit, debounceMs).results;
}

/** Index instruments by asset key. */
export function indexInstruments(list: readonly AssetInfo[] | undefined): ReadonlyMap<string, AssetInfo> {
  return new Map((list ?? []).map((i) => [i.asset, i]));
}
