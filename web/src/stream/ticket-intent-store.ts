import { create } from "zustand";
import type { WorkspacePanel } from "@pregao/contracts";

type LinkGroup = NonNullable<WorkspacePanel["linkGroup"]>;

/**
 * A request from another panel (book level, chart click) to prefill the ticket. `seq` makes repeats distinct.
 * `linkGroup` is the source panel's colour group: a ticket in another group ignores it (a click in the red book must
 * not fill the blue ticket). A source or a ticket with no group matches any.
 */
export interface TicketIntent {
  asset: string;
  price: number;
  seq: number;
  linkGroup?: LinkGroup;
}

interface TicketIntentState {
  intent: TicketIntent | null;
  setPrice(asset: string, price: number, linkGroup?: LinkGroup): void;
}

export const useTicketIntentStore = create<TicketIntentState>()((set, get) => ({
  intent: null,
  setPrice: (asset, price, linkGroup) =>
    set({
      intent: { asset, price, seq: (get().intent?.seq ?? 0) + 1, ...(linkGroup ? { linkGroup } : {}) },
    }),
}));

/** Whether a ticket in `ticketGroup` takes `intent` (same group, or either side unlinked). */
export const intentReaches = (intent: TicketIntent, ticketGroup: LinkGroup | undefined): boolean =>
  !intent.linkGroup || !ticketGroup || intent.linkGroup === ticketGroup;
