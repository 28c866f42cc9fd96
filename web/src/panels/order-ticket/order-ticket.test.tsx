import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo, SessionResponse } from "@pregao/contracts";
import { ApiError } from "../../lib/api-client.ts";
import { rememberInstruments } from "../../lib/instruments.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { useQuotesStore } from "../../stream/quotes-store.ts";
import { makeQuote } from "../../stream/test-quote.ts";
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
const vale = { ...petr, asset: "VALE3:B", name: "Vale" };
const session = {
  user: { accounts: [{ brokerId: 308, accountId: "10001" }] },
  permissions: ["orders:write"],
};

function renderTicket() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(queryKeys.session.current, session as unknown as SessionResponse);
  rememberInstruments(qc, [petr as AssetInfo, vale as AssetInfo]);
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
  useQuotesStore.setState({ quotes: new Map(), errors: new Map() });
});

const apiError = (status: number, code: string, field?: string, details?: unknown) =>
  new ApiError(status, code as ApiError["code"], "server text", "r", undefined, undefined, field, details);
const keysSent = () => submitOrder.mock.calls.map(([o]) => (o as { idempotencyKey: string }).idempotencyKey);
afterEach(cleanup);

describe("order ticket", () => {
  it("steps the price by tick, shows units, and submits with Alt+B and a fresh idempotency key", async () => {
    submitOrder.mockResolvedValue({ orderId: "OM-1", status: "SUBMITTED" });
    renderTicket();
    const price = screen.getByLabelText("Price");
    // Tests run in English: the ticket writes a dot and reads either mark.
    fireEvent.change(price, { target: { value: "37,28" } });
    fireEvent.keyDown(price, { key: "ArrowUp" });
    expect((price as HTMLInputElement).value).toBe("37.29");
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
    expect((screen.getByLabelText("Price") as HTMLInputElement).value).toBe("37.50");
  });

  it("clears a refusal for one asset when the trader switches to another", async () => {
    submitOrder.mockRejectedValue(
      apiError(422, "RISK_REJECTED", "quantity", {
        rule: "MAX_ORDER_QUANTITY",
        limit: 1_000_000,
        value: 10_000_100,
      }),
    );
    renderTicket();
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "10" } });
    fireEvent.click(screen.getByRole("button", { name: "Buy" }));
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Refused by risk: Quantity 10,000,100 is above the maximum of 1,000,000 per order",
    );
    act(() => useSelectionStore.getState().select("VALE3:B"));
    expect((screen.getByLabelText("Asset") as HTMLInputElement).value).toBe("VALE3:B");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("clears a refusal when the price changes, and when a book click brings a new price", async () => {
    submitOrder.mockRejectedValue(apiError(400, "VALIDATION_FAILED", "price", { tickSize: 0.01 }));
    renderTicket();
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "10" } });
    fireEvent.click(screen.getByRole("button", { name: "Sell" }));
    expect((await screen.findByRole("alert")).textContent).toContain(
      "Price must be a multiple of the tick size 0.01",
    );
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "10,01" } });
    expect(screen.queryByRole("alert")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Sell" }));
    await screen.findByRole("alert");
    act(() => useTicketIntentStore.getState().setPrice("PETR4:B", 11));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("asks a second time for a price outside the collar: cancel sends nothing more", async () => {
    const collar = { rule: "PRICE_COLLAR", lastPrice: 37.4, price: 45, deviationPct: 20.3209, collarPct: 10 };
    submitOrder.mockRejectedValueOnce(apiError(428, "CONFIRMATION_REQUIRED", "price", collar));
    renderTicket();
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "45" } });
    fireEvent.click(screen.getByRole("button", { name: "Buy" }));
    const dialog = await screen.findByRole("dialog", { name: "Confirm price far from last trade" });
    expect(dialog.textContent).toContain("Price 45.00 is 20.32% above the last trade 37.40");
    expect(dialog.textContent).toContain("more than 10% from the last trade");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(submitOrder).toHaveBeenCalledTimes(1);
  });

  it("on confirming the collar, resends the same order with the same key and confirm: PRICE_COLLAR", async () => {
    const collar = { rule: "PRICE_COLLAR", lastPrice: 37.4, price: 45, deviationPct: 20.32, collarPct: 10 };
    submitOrder.mockRejectedValueOnce(apiError(428, "CONFIRMATION_REQUIRED", "price", collar));
    submitOrder.mockResolvedValueOnce({ orderId: "OM-9", status: "SUBMITTED" });
    renderTicket();
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "45" } });
    fireEvent.click(screen.getByRole("button", { name: "Buy" }));
    fireEvent.click(await screen.findByRole("button", { name: "Send buy anyway" }));
    await screen.findByText("OM-9");
    expect(submitOrder).toHaveBeenCalledTimes(2);
    const [first, second] = submitOrder.mock.calls.map(([o]) => o as Record<string, unknown>);
    expect(second).toEqual({ ...first, confirm: ["PRICE_COLLAR"] });
    expect(keysSent()[0]).toBe(keysSent()[1]);
  });

  it("warns before a stop-limit that would trigger at once; cancel sends nothing", async () => {
    submitOrder.mockResolvedValue({ orderId: "OM-3", status: "SUBMITTED" });
    useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", last: 37.4, receivedAt: Date.now() })]);
    renderTicket();
    fireEvent.change(screen.getByLabelText("Order type"), { target: { value: "STOP_LIMIT" } });
    fireEvent.change(screen.getByLabelText("Price"), { target: { value: "37,30" } });
    fireEvent.change(screen.getByLabelText("Stop price"), { target: { value: "37,30" } });
    fireEvent.click(screen.getByRole("button", { name: "Buy" }));
    const dialog = screen.getByRole("dialog", { name: "Confirm buy order" });
    expect(dialog.textContent).toContain("triggers at once");
    fireEvent.keyDown(dialog, { key: "Escape" });
    expect(submitOrder).not.toHaveBeenCalled();
    // A buy stop above the last trade is what a stop is for: no question asked.
    fireEvent.change(screen.getByLabelText("Stop price"), { target: { value: "37,50" } });
    fireEvent.click(screen.getByRole("button", { name: "Buy" }));
    await screen.findByText("OM-3");
    expect(submitOrder).toHaveBeenCalledTimes(1);
  });
});
