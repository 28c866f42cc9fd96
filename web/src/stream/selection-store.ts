import { create } from "zustand";

export const DEFAULT_ASSET = "PETR4:B";

interface SelectionState {
  /**
   * The asset panels outside a docked panel follow (the phone view, unit tests). Docked panels follow their link
   * group or their own asset in the workspace (web/src/workspace/link-groups.ts). Not persisted: localStorage is
   * shared by every user of the browser, and the workspace already keeps each user's panels' assets.
   */
  asset: string;
  select(asset: string): void;
}

export const useSelectionStore = create<SelectionState>()((set) => ({
  asset: DEFAULT_ASSET,
  select: (asset) => set({ asset }),
}));

export const useSelectedAsset = (): string => useSelectionStore((s) => s.asset);
