import { act, cleanup, render, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo } from "@pregao/contracts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useFeedStatusStore } from "../../stream/feed-status-store.ts";
import { makeFeedStatus } from "../../stream/test-feed-status.ts";
import { useQuotesStore } from "../../stream/quotes-store.ts";
import { useSelectionStore } from "../../stream/selection-store.ts";
import { useTapeStore } from "../../stream/tape-store.ts";
import { makeQuote } from "../../stream/test-quote.ts";
import { useFeedKindStore } from "../../stream/use-feed-view.ts";
import TimeAndSalesPanel from "./index.tsx";

vi.mock("../../stream/use-channel.ts", () => ({ useTradeSubscription: () => undefined }));
vi.mock("../../stream/use-quote-subscriptions.ts", () => ({ useQuoteSubscriptions: () => undefined }));

const ASSET = "PETR4:B";
const print = {
  ts: Date.now(),
  price: 37.28,
  quantity: 100,
  buyAgent: 308,
  sellAgent: 99_999,
  tradeNumber: 1,
  tradeType: 2,
  edit: false,
} as never;

function renderTape() {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(queryKeys.instruments.all, {
    instruments: [{ asset: ASSET, tickSize: 0.01 } as AssetInfo],
  });
  render(
    <QueryClientProvider client={qc}>
      <TimeAndSalesPanel />
    </QueryClientProvider>,
  );
  return screen.getByRole("table", { name: `Time and sales ${ASSET}` }).closest(".ts") as HTMLElement;
}

beforeEach(() => {
  useSelectionStore.setState({ asset: ASSET });
  useTapeStore.setState({ tapes: new Map([[ASSET, [print]]]) });
  useQuotesStore.setState({ quotes: new Map(), errors: new Map() });
  useQuotesStore.getState().apply([makeQuote({ asset: ASSET, receivedAt: Date.now() - 12_400 })]);
  // The BFF's thresholds arrive in feed:status (5 s of data age by default).
  useFeedStatusStore.setState({ skewMs: 0, status: makeFeedStatus() });
  useFeedKindStore.setState({ kind: "live" });
});
afterEach(cleanup);

describe("time and sales freshness", () => {
  it("is greyed with its age while the feed is not live, and live again when it recovers", () => {
    useFeedKindStore.setState({ kind: "down" });
    const root = renderTape();
    expect(root.dataset.stale).toBe("true");
    expect(screen.getByTestId("tape-age").textContent).toBe("12 s ago");
    act(() => {
      useFeedKindStore.setState({ kind: "live" });
      useQuotesStore.getState().apply([makeQuote({ asset: ASSET, receivedAt: Date.now() })]);
    });
    expect(root.dataset.stale).toBe("false");
    expect(screen.queryByTestId("tape-age")).toBeNull();
  });

  it("is stale on a live link when the asset's data is older than the server's threshold", () => {
    const root = renderTape();
    expect(root.dataset.stale).toBe("true");
  });
});

describe("time and sales agents", () => {
  it("names the brokers (B3 code in the tooltip), and shows an unknown code as the code", () => {
    renderTape();
    const [buyer, seller] = screen.getAllByRole("cell").slice(3, 5);
    expect(buyer!.textContent).toBe("Clear");
    expect(buyer!.getAttribute("title")).toBe("Clear — agent 308");
    expect(seller!.textContent).toBe("99999");
    expect(seller!.getAttribute("title")).toBe("Agent 99999");
  });
});

describe("time and sales history", () => {
  it("says it is loading until the snapshot, and says so when earlier trades are unavailable", () => {
    useTapeStore.setState({ tapes: new Map(), histories: new Map() });
    renderTape();
    expect(screen.getByText("Loading recent trades…")).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
    act(() => useTapeStore.getState().applySnapshot({ asset: ASSET, trades: [], history: "unavailable" }));
    expect(screen.getByRole("status").textContent).toMatch(/Earlier trades unavailable/);
    expect(screen.getByText("Waiting for trades…")).toBeTruthy();
    act(() => useTapeStore.getState().applySnapshot({ asset: ASSET, trades: [print], history: "complete" }));
    expect(screen.queryByText(/Earlier trades unavailable/)).toBeNull();
    expect(screen.getAllByRole("row")).toHaveLength(2);
  });
});
