import { create } from "zustand";

const KEY = "pregao.selectedAsset";
export const DEFAULT_ASSET = "PETR4:B";

function initial(): string {
  try {
    return localStorage.getItem(KEY) ?? DEFAULT_ASSET;
  } catch {
    return DEFAULT_ASSET;
  }
}

interface SelectionState {
  /** The asset the book, the tape and the ticket follow (a watchlist row click selects it). */
  asset: string;
  select(asset: string): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  asset: initial(),
  select: (asset) => {
    try {
      localStorage.setItem(KEY, asset);
    } catch {
      // private mode: selection just does not persist
    }
    set({ asset });
  },
}));

export const useSelectedAsset = (): string => useSelectionStore((s) => s.asset);
