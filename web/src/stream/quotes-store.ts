import { create } from "zustand";
import type { ErrorBody, Quote } from "@pregao/contracts";

interface QuotesState {
  /** Latest quote per asset. Unchanged assets keep their object identity, so narrow selectors skip re-renders. */
  quotes: ReadonlyMap<string, Quote>;
  /** Why an asset could not be subscribed (e.g. UNKNOWN_ASSET), by asset: the code, worded where it is shown. */
  errors: ReadonlyMap<string, ErrorBody>;
  apply(batch: Iterable<Quote>): void;
  remove(assets: Iterable<string>): void;
  setError(asset: string, error: ErrorBody | null): void;
}

export const useQuotesStore = create<QuotesState>()((set) => ({
  quotes: new Map(),
  errors: new Map(),
  apply: (batch) =>
    set((s) => {
      let next: Map<string, Quote> | null = null;
      for (const q of batch) {
        const prev = (next ?? s.quotes).get(q.asset);
        // A subscribe snapshot can arrive after a newer streamed update; never go back in time within one upstream
        // snapshot. A quote from another snapshot (a resync, or another BFF whose clock is behind) always replaces.
        if (prev && (prev === q || (prev.syncId === q.syncId && prev.receivedAt > q.receivedAt))) continue;
        next ??= new Map(s.quotes);
        next.set(q.asset, q);
      }
      return next ? { quotes: next } : s;
    }),
  remove: (assets) =>
    set((s) => {
      const next = new Map(s.quotes);
      let changed = false;
      for (const a of assets) changed = next.delete(a) || changed;
      return changed ? { quotes: next } : s;
    }),
  setError: (asset, error) =>
    set((s) => {
      const prev = s.errors.get(asset);
      if (prev === undefined ? error === null : prev.code === error?.code && prev.message === error.message)
        return s;
      const errors = new Map(s.errors);
      if (error === null) errors.delete(asset);
      else errors.set(asset, error);
      return { errors };
    }),
}));

/** The latest quote of one asset; the component re-renders only when that asset's quote changes. */
export const useQuote = (asset: string): Quote | undefined => useQuotesStore((s) => s.quotes.get(asset));

/** Subscription error for one asset, if any. */
export const useQuoteError = (asset: string): ErrorBody | undefined =>
  useQuotesStore((s) => s.errors.get(asset));
