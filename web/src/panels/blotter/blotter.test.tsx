import { cleanup, render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AssetInfo, Order, SessionResponse } from "@pregao/contracts";
import { rememberInstruments } from "../../lib/instruments.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useOrdersStore } from "../../stream/orders-store.ts";
import BlotterPanel from "./index.tsx";

const REASON = "Position limit exceeded: WINZ26:F would reach 1.200 (limit 1.000)";
const order: Order = {
  orderId: "ORD-20261203-000042",
  account: { brokerId: 308, accountId: "10001" },
  asset: "WINZ26:F",
  side: "SELL",
  type: "STOP_LIMIT",
  quantity: 1_200,
  filledQuantity: 0,
  price: 154_900,
  stopPrice: 155_000,
  avgFillPrice: null,
  status: "SUBMITTED",
  profitDllStatus: 0,
  timeInForce: "GTC",
  fills: [],
  reason: REASON,
  userId: "u",
  createdAt: 1,
  updatedAt: 1,
};

function renderBlotter() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  const session = { user: { accounts: [order.account] }, permissions: ["orders:write"] };
  qc.setQueryData(queryKeys.session.current, session as unknown as SessionResponse);
  qc.setQueryData(queryKeys.orders.all, { orders: [order], total: 1, limit: 500, offset: 0 });
  rememberInstruments(qc, [{ asset: "WINZ26:F", tickSize: 5 } as AssetInfo]);
  render(
    <QueryClientProvider client={qc}>
      <BlotterPanel />
    </QueryClientProvider>,
  );
}

beforeEach(() => useOrdersStore.getState().clear());
afterEach(cleanup);

describe("blotter columns", () => {
  it("has stop-price and validity columns, and every possibly cut value carries its full text in a tooltip", () => {
    renderBlotter();
    const table = screen.getByRole("table", { name: "Orders" });
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((h) => h.textContent);
    expect(headers).toEqual([
      "Actions",
      "Time (BRT)",
      "Asset",
      "Side",
      "Type",
      "Qty",
      "Filled",
      "Price",
      "Stop",
      "Avg",
      "Validity",
      "Status",
      "Reason",
      "Order",
    ]);
    const cell = (name: string) => {
      const i = headers.indexOf(name);
      return within(screen.getByTestId(`order-${order.orderId}`)).getAllByRole("cell")[i]!;
    };
    expect(cell("Stop").textContent).toBe("155,000");
    expect(cell("Validity").textContent).toBe("GTC");
    expect(cell("Validity").getAttribute("title")).toBe("Good till cancelled");
    expect(cell("Reason").getAttribute("title")).toBe(REASON);
    expect(cell("Asset").getAttribute("title")).toBe("WINZ26:F");
    expect(cell("Order").getAttribute("title")).toBe(order.orderId);
  });
});
