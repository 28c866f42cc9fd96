import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { DataFreshness } from "../stream/data-age.ts";
import { useTicketIntentStore } from "../stream/ticket-intent-store.ts";
import { TicketAvailableContext } from "./ticket-availability.ts";
import { usePricePick } from "./use-price-pick.tsx";

const live: DataFreshness = { stale: false, receivedAt: 1, skewMs: 0 };
const stale: DataFreshness = { stale: true, receivedAt: 1, skewMs: 0 };

const withTicket =
  (available: boolean) =>
  ({ children }: { children: ReactNode }) => (
    <TicketAvailableContext.Provider value={available}>{children}</TicketAvailableContext.Provider>
  );

describe("usePricePick without a ticket on screen (phone view)", () => {
  afterEach(() => useTicketIntentStore.setState({ intent: null }));

  it("a picked price fills the ticket when one is available", () => {
    const { result } = renderHook(() => usePricePick("book", "PETR4:B", 0.01, live), {
      wrapper: withTicket(true),
    });
    act(() => result.current.pick(37.5));
    expect(useTicketIntentStore.getState().intent).toMatchObject({ asset: "PETR4:B", price: 37.5 });
  });

  it("does nothing: no ticket intent, and no stale-price question", () => {
    for (const fresh of [live, stale]) {
      const { result } = renderHook(() => usePricePick("book", "PETR4:B", 0.01, fresh), {
        wrapper: withTicket(false),
      });
      act(() => result.current.pick(37.5));
      expect(useTicketIntentStore.getState().intent).toBeNull();
      expect(result.current.dialog).toBeFalsy();
    }
  });
});
