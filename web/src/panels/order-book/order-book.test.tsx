import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo, BookView } from "@pregao/contracts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useBookStore } from "../../stream/book-store.ts";
import { useFeedStatusStore } from "../../stream/feed-status-store.ts";
import { useQuotesStore } from "../../stream/quotes-store.ts";
import { useSelectionStore } from "../../stream/selection-store.ts";
import { feedStatusWithDataStaleAfter, makeFeedStatus } from "../../stream/test-feed-status.ts";
import { makeQuote } from "../../stream/test-quote.ts";
import { useTicketIntentStore } from "../../stream/ticket-intent-store.ts";
import { useFeedKindStore } from "../../stream/use-feed-view.ts";
import OrderBookPanel from "./index.tsx";

vi.mock("../../stream/use-channel.ts", () => ({ useBookSubscription: () => undefined }));
vi.mock("../../stream/use-quote-subscriptions.ts", () => ({ useQuoteSubscriptions: () => undefined }));

const ASSET = "PETR4:B";
const book: BookView = {
  asset: ASSET,
  bids: [{ price: 37.27, quantity: 100, count: 1 }],
  asks: [{ price: 37.29, quantity: 200, count: 2 }],
  exchangeTs: 1,
};

/** The book, with the BFF's data staleness threshold as its feed:status carries it. */
function renderBook(dataStaleAfterMs = 5000) {
  useFeedStatusStore.setState({ status: feedStatusWithDataStaleAfter(dataStaleAfterMs) });
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(queryKeys.instruments.all, {
    instruments: [{ asset: ASSET, tickSize: 0.01 } as AssetInfo],
  });
  render(
    <QueryClientProvider client={qc}>
      <OrderBookPanel />
    </QueryClientProvider>,
  );
  return screen.getByText(ASSET).closest(".ob") as HTMLElement;
}

const intentPrice = () => useTicketIntentStore.getState().intent?.price;

beforeEach(() => {
  useSelectionStore.setState({ asset: ASSET });
  useBookStore.setState({ books: new Map([[ASSET, book]]) });
  useQuotesStore.setState({ quotes: new Map(), errors: new Map() });
  useFeedStatusStore.setState({ skewMs: 0, status: null });
  useFeedKindStore.setState({ kind: "live" });
  useTicketIntentStore.setState({ intent: null });
});
afterEach(cleanup);

describe("order book freshness", () => {
  it("a live book sends a clicked level straight to the ticket", () => {
    useQuotesStore.getState().apply([makeQuote({ asset: ASSET, receivedAt: Date.now() })]);
    const root = renderBook();
    expect(root.dataset.stale).toBe("false");
    expect(screen.queryByTestId("book-age")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "37.29" }));
    expect(intentPrice()).toBe(37.29);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("during a feed outage the book is greyed with its age and a click asks before filling the ticket", () => {
    useQuotesStore.getState().apply([makeQuote({ asset: ASSET, receivedAt: Date.now() - 12_400 })]);
    useFeedKindStore.setState({ kind: "stale" });
    const root = renderBook();
    expect(root.dataset.stale).toBe("true");
    expect(screen.getByTestId("book-age").textContent).toBe("12 s ago");

    fireEvent.click(screen.getByRole("button", { name: "37.27" }));
    const dialog = screen.getByRole("dialog", { name: "Use a stale price?" });
    expect(dialog.textContent).toContain("12 s ago");
    expect(intentPrice()).toBeUndefined();
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(intentPrice()).toBeUndefined();

    fireEvent.click(screen.getByRole("button", { name: "37.27" }));
    fireEvent.click(screen.getByRole("button", { name: "Use price" }));
    expect(intentPrice()).toBe(37.27);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("is stale while the BFF is retrying the asset, even with a recent quote on a live link", () => {
    useQuotesStore.getState().apply([makeQuote({ asset: ASSET, receivedAt: Date.now() })]);
    const root = renderBook();
    expect(root.dataset.stale).toBe("false");
    act(() =>
      useFeedStatusStore.setState({
        status: makeFeedStatus({ assets: [{ asset: ASSET, state: "retrying", since: 1, attempts: 2 }] }),
      }),
    );
    expect(root.dataset.stale).toBe("true");
  });

  it("turns stale on a live link when the asset's data is older than the server's threshold", () => {
    useQuotesStore.getState().apply([makeQuote({ asset: ASSET, receivedAt: Date.now() - 8_000 })]);
    const root = renderBook(7000);
    expect(root.dataset.stale).toBe("true");
    cleanup();
    const again = renderBook(9000);
    expect(again.dataset.stale).toBe("false");
    act(() => useFeedKindStore.setState({ kind: "down" }));
    expect(again.dataset.stale).toBe("true");
  });
});
