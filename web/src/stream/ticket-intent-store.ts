import { create } from "zustand";

/** A request from another panel (book level click) to prefill the ticket. `seq` makes repeats distinct. */
export interface TicketIntent {
  asset: string;
  price: number;
  seq: number;
}

interface TicketIntentState {
  intent: TicketIntent | null;
  setPrice(asset: string, price: number): void;
}

export const useTicketIntentStore = create<TicketIntentState>()((set, get) => ({
  intent: null,
  setPrice: (asset, price) => set({ intent: { asset, price, seq: (get().intent?.seq ?? 0) + 1 } }),
}));
