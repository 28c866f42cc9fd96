import { createContext, useContext } from "react";

/**
 * Whether an order ticket is on screen to receive a picked price. The phone view provides false: there a book level
 * or chart click does nothing (no ticket prefill, no stale-price question about a ticket the user cannot see).
 */
export const TicketAvailableContext = createContext(true);

export const useTicketAvailable = (): boolean => useContext(TicketAvailableContext);
