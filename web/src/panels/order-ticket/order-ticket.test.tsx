import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo, SessionResponse } from "@pregao/contracts";
import { ApiError } from "../../lib/api-client.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { useSelectionStore } from "../../stream/selection-store.ts";
import { useTicketIntentStore } from "../../stream/ticket-intent-store.ts";
import OrderTicketPanel from "./index.tsx";

const submitOrder = vi.fn();
vi.mock("../../lib/trading.ts", async (orig) => ({
  ...(await orig<Record<string, unknown>>()),
  submitOrder: (o: unknown) => submitOrder(o),
}));
vi.mock("../../stream/use-quote-subscriptions.ts", () => ({ useQuoteSubscriptions: () => undefined }));

const petr = {
  asset: "PETR4:B",
  name: "Petrobras",
  tickSize: 0.01,
  lot: 100,
  minOrderQty: 100,
  contractMultiplier: 1,
};
const session = {
  user: { accounts: [{ brokerId: 308, accountId: "10001" }] },
  permissions: ["orders:write"],
};

function renderTicket() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(queryKeys.session.current, session as unknown as SessionResponse);
  qc.setQueryData(queryKeys.instruments.all, { instruments: [petr as AssetInfo] });
  render(
    <QueryClientProvider client={qc}>
      <OrderTicketPanel />
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  submitOrder.mockReset();
  useSelectionStore.setState({ asset: "PETR4:B" });
  useKillSwitchStore.setState({ state: null });
});
afterEach(cleanup);

describe("order ticket", () => {
  it("steps the price by tick, shows units, and submits with Alt+B and a fresh idempotency key", async () => {
    submitOrder.mockResolvedValue({ orderId: "OM-1", status: "SUBMITTED" });
    renderTicket();
    const price = screen.getByLabelText("Price");
    fireEvent.change(price, { target: { value: "37,28" } });
    fireEvent.keyDown(price, { key: "ArrowUp" });
    expect((price as HTMLInputElement).value).toBe("37,29");
    fireEvent.change(screen.getByLabelText("Quantity (lots)"), { target: { value: "3" } });
    expect(screen.getByTestId("ticket-units").textContent).toContain("300");
    fireEvent.keyDown(document, { key: "b", code: "KeyB", altKey: true });
    await screen.findByText("OM-1");
    expect(submitOrder).toHaveBeenCalledWith(
      expect.objectContaining({
        side: "BUY",
        quantity: 300,
        price: 37.29,
        type: "LIMIT",
        idempotencyKey: expect.any(String),
      }),
    );
  });

  it("asks for confirmation above the notional limit", async () => {
    submitOrder.mockResolvedValue({ orderId: "OM-2", status: "SUBMITTED" });
    renderTicket();
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "40" } });
    fireEvent.change(screen.getByLabelText("Quantity (lots)"), { target: { value: "20" } });
    fireEvent.click(screen.getByRole("button", { name: "Sell" }));
    expect(submitOrder).not.toHaveBeenCalled();
    fireEvent.click(await screen.findByRole("button", { name: "Confirm sell" }));
    await waitFor(() => expect(submitOrder).toHaveBeenCalledTimes(1));
  });

  it("shows the risk reason and retries with the same key", async () => {
    submitOrder.mockRejectedValueOnce(new ApiError(503, "UPSTREAM_UNAVAILABLE", "down"));
    submitOrder.mockRejectedValueOnce(new ApiError(403, "RISK_REJECTED", "Kill switch active: drill"));
    renderTicket();
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "10" } });
    fireEvent.click(screen.getByRole("button", { name: "Buy" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Order manager unavailable");
    fireEvent.click(screen.getByRole("button", { name: "Retry" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Kill switch active: drill");
    const keys = submitOrder.mock.calls.map(([o]) => (o as { idempotencyKey: string }).idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
  });

  it("disables Buy/Sell while the kill switch is active and takes book clicks as price", () => {
    renderTicket();
    act(() =>
      useKillSwitchStore.getState().set({ active: true, reason: "x", activatedAt: 1, activatedBy: "risk" }),
    );
    expect(screen.getByRole("button", { name: "Buy" })).toHaveProperty("disabled", true);
    act(() => useTicketIntentStore.getState().setPrice("PETR4:B", 37.5));
    expect((screen.getByLabelText("Price") as HTMLInputElement).value).toBe("37,50");
  });
});
