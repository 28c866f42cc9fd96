import { create } from "zustand";
import { assetKeySchema, MAX_SUBSCRIPTIONS_PER_SOCKET } from "@pregao/contracts";

const STORAGE_KEY = "pregao.watchlist.v1";

/** First-run list: liquid B3 stocks plus the mini index and mini dollar futures. */
export const DEFAULT_WATCHLIST: readonly string[] = [
  "PETR4:B",
  "VALE3:B",
  "ITUB4:B",
  "BBDC4:B",
  "ABEV3:B",
  "WEGE3:B",
  "WINZ26:F",
  "WDOZ26:F",
];

/** The server caps subscriptions per socket; the list never asks for more. */
export const MAX_WATCHLIST = MAX_SUBSCRIPTIONS_PER_SOCKET;

function load(): string[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (raw === null) return [...DEFAULT_WATCHLIST];
    const parsed: unknown = JSON.parse(raw);
    if (Array.isArray(parsed)) {
      const valid = parsed.filter((a): a is string => assetKeySchema.safeParse(a).success);
      return [...new Set(valid)].slice(0, MAX_WATCHLIST);
    }
  } catch {
    // Corrupt or unavailable storage: fall back to the defaults.
  }
  return [...DEFAULT_WATCHLIST];
}

function save(assets: readonly string[]): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(assets));
  } catch {
    // Private mode or quota: the list still works for this session.
  }
}

interface WatchlistState {
  assets: readonly string[];
  add(asset: string): void;
  remove(asset: string): void;
}

export const useWatchlistStore = create<WatchlistState>()((set) => ({
  assets: load(),
  add: (asset) =>
    set((s) =>
      s.assets.includes(asset) || s.assets.length >= MAX_WATCHLIST ? s : { assets: [...s.assets, asset] },
    ),
  remove: (asset) => set((s) => ({ assets: s.assets.filter((a) => a !== asset) })),
}));

useWatchlistStore.subscribe((s, prev) => {
  if (s.assets !== prev.assets) save(s.assets);
});
