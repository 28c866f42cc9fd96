import { create } from "zustand";
import type { Quote } from "@pregao/contracts";

interface QuotesState {
  /** Latest quote per asset. Unchanged assets keep their object identity, so narrow selectors skip re-renders. */
  quotes: ReadonlyMap<string, Quote>;
  /** Why an asset could not be subscribed (e.g. UNKNOWN_ASSET), by asset. */
  errors: ReadonlyMap<string, string>;
  apply(batch: Iterable<Quote>): void;
  remove(assets: Iterable<string>): void;
  setError(asset: string, message: string | null): void;
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
  setError: (asset, message) =>
    set((s) => {
      if ((s.errors.get(asset) ?? null) === message) return s;
      const errors = new Map(s.errors);
      if (message === null) errors.delete(asset);
      else errors.set(asset, message);
      return { errors };
    }),
}));

/** The latest quote of one asset; the component re-renders only when that asset's quote changes. */
export const useQuote = (asset: string): Quote | undefined => useQuotesStore((s) => s.quotes.get(asset));

/** Subscription error for one asset, if any. */
export const useQuoteError = (asset: string): string | undefined =>
  useQuotesStore((s) => s.errors.get(asset));
