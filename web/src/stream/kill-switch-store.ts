import { create } from "zustand";
import type { KillSwitchState } from "@pregao/contracts";

interface KillSwitchStore {
  /** Null until the BFF has told us (it sends `risk:kill-switch` on connect). */
  state: KillSwitchState | null;
  set(state: KillSwitchState): void;
}

export const useKillSwitchStore = create<KillSwitchStore>()((set) => ({
  state: null,
  set: (state) => set({ state }),
}));

/** Whether trading is halted right now. */
export const useKillSwitchActive = (): boolean => useKillSwitchStore((s) => s.state?.active ?? false);
