import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo, FeedStatus } from "@pregao/contracts";
import { useFeedStatusStore } from "../../stream/feed-status-store.ts";
import { makeFeedStatus } from "../../stream/test-feed-status.ts";
import { useQuotesStore } from "../../stream/quotes-store.ts";
import { makeQuote } from "../../stream/test-quote.ts";
import { useFeedKindStore } from "../../stream/use-feed-view.ts";
import { WatchlistTable } from "./watchlist-table.tsx";
import { WatchlistRow } from "./watchlist-row.tsx";
import { setLocale } from "../../i18n/i18n.ts";

const info = (asset: string, tickSize: number) => ({ asset, name: asset, tickSize }) as AssetInfo;
const instruments = new Map([
  ["PETR4:B", info("PETR4:B", 0.01)],
  ["WINZ26:F", info("WINZ26:F", 5)],
]);

beforeEach(() => {
  useQuotesStore.setState({ quotes: new Map(), errors: new Map() });
  // The BFF's thresholds, as the page has them after its first feed:status (5 s of data age).
  useFeedStatusStore.setState({ skewMs: 0, status: makeFeedStatus() });
  useFeedKindStore.setState({ kind: "live" });
});
afterEach(() => {
  cleanup();
  setLocale("en");
});

function renderTable(onRemove = vi.fn()) {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <WatchlistTable assets={["PETR4:B", "WINZ26:F"]} instruments={instruments} onRemove={onRemove} />
    </QueryClientProvider>,
  );
  return onRemove;
}

describe("watchlist rows", () => {
  it("a memoised row with unchanged props shows the new number format and words after a language switch", () => {
    const client = new QueryClient();
    const onRemove = vi.fn();
    const petr = instruments.get("PETR4:B");
    // A static parent: nothing above the row re-renders on the switch, so only the row's own subscription can.
    render(
      <QueryClientProvider client={client}>
        <table>
          <tbody>
            <WatchlistRow asset="PETR4:B" info={petr} onRemove={onRemove} />
          </tbody>
        </table>
      </QueryClientProvider>,
    );
    act(() =>
      useQuotesStore
        .getState()
        .apply([makeQuote({ asset: "PETR4:B", last: 1234.5, receivedAt: Date.now() })]),
    );
    expect(screen.getByTestId("last-PETR4:B").textContent).toBe("1,234.50");
    expect(screen.getByRole("button", { name: "Remove PETR4:B" })).toBeTruthy();
    act(() => setLocale("pt-BR"));
    expect(screen.getByTestId("last-PETR4:B").textContent).toBe("1.234,50");
    expect(screen.getByRole("button", { name: "Remover PETR4:B" })).toBeTruthy();
    act(() => setLocale("en"));
    expect(screen.getByTestId("last-PETR4:B").textContent).toBe("1,234.50");
  });

  it("shows the BFF's change % as sent, never one recomputed from last and previous close", () => {
    renderTable();
    // 110 against 100 would be +10 %: the row must show the quote's own changePct.
    act(() =>
      useQuotesStore.getState().apply([
        makeQuote({
          asset: "PETR4:B",
          last: 110,
          previousClose: 100,
          changePct: -1.5,
          receivedAt: Date.now(),
        }),
      ]),
    );
    expect(screen.getByTestId("change-PETR4:B").textContent).toBe("-1.50%");
    act(() =>
      useQuotesStore
        .getState()
        .apply([makeQuote({ asset: "WINZ26:F", last: 128455, changePct: null, receivedAt: Date.now() })]),
    );
    expect(screen.getByTestId("change-WINZ26:F").textContent).toBe("—");
  });

  it("formats by tick size and exposes rows, last cells and remove buttons", () => {
    const onRemove = renderTable();
    act(() =>
      useQuotesStore
        .getState()
        .apply([
          makeQuote({ asset: "PETR4:B", last: 37.28, receivedAt: Date.now() }),
          makeQuote({ asset: "WINZ26:F", last: 128455, receivedAt: Date.now() }),
        ]),
    );
    expect(screen.getByTestId("last-PETR4:B").textContent).toBe("37.28");
    expect(screen.getByTestId("last-WINZ26:F").textContent).toBe("128,455");
    expect(screen.getByRole("row", { name: /PETR4:B/ }).dataset.stale).toBe("false");
    fireEvent.click(screen.getByRole("button", { name: "Remove PETR4:B" }));
    expect(onRemove).toHaveBeenCalledWith("PETR4:B");
  });

  it("greys a row and shows its age when its quote is older than the threshold", () => {
    renderTable();
    act(() =>
      useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", receivedAt: Date.now() - 12_400 })]),
    );
    const row = screen.getByTestId("row-PETR4:B");
    expect(row.dataset.stale).toBe("true");
    expect(row.className).toContain("wl-stale");
    expect(screen.getByTestId("age-PETR4:B").textContent).toBe("12 s ago");
  });

  it('says "no data — retrying" for an asset the BFF is not receiving while the feed is live', () => {
    renderTable();
    act(() => useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", receivedAt: Date.now() })]));
    expect(screen.queryByTestId("nodata-PETR4:B")).toBeNull();
    const status = {
      link: { state: "live", since: 0 },
      breaker: { state: "closed", since: 0, lastError: null },
      profitDll: { login: 0, routing: 2, marketData: 4, activation: 0 },
      lastMessageAt: Date.now(),
      serverTime: Date.now(),
      staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
      assets: [{ asset: "PETR4:B", state: "retrying", since: Date.now() - 4000, attempts: 2 }],
      assetsNotOk: 1,
    } satisfies FeedStatus;
    act(() => useFeedStatusStore.getState().setStatus(status));
    const row = screen.getByTestId("row-PETR4:B");
    expect(row.className).toContain("wl-retrying");
    expect(row.dataset.stale).toBe("true");
    expect(screen.getByTestId("nodata-PETR4:B").textContent).toBe("no data — retrying");
    expect(screen.getByTestId("row-WINZ26:F").className).not.toContain("wl-retrying");
    act(() => useFeedStatusStore.getState().setStatus({ ...status, assets: [], assetsNotOk: 0 }));
    expect(screen.queryByTestId("nodata-PETR4:B")).toBeNull();
  });

  it("a snapshot flagged retrying shows the row as retrying before the next feed:status", () => {
    renderTable();
    act(() =>
      useQuotesStore
        .getState()
        .apply([makeQuote({ asset: "PETR4:B", receivedAt: Date.now(), dataState: "retrying" })]),
    );
    expect(screen.getByTestId("nodata-PETR4:B").textContent).toBe("no data — retrying");
  });

  it("greys every row when the feed stops being live", () => {
    renderTable();
    act(() => useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", receivedAt: Date.now() })]));
    expect(screen.getByTestId("row-PETR4:B").dataset.stale).toBe("false");
    act(() => useFeedKindStore.setState({ kind: "down" }));
    expect(screen.getByTestId("row-PETR4:B").dataset.stale).toBe("true");
    expect(screen.getByTestId("row-WINZ26:F").dataset.stale).toBe("true");
  });

  it("flashes the last price up or down on change", () => {
    renderTable();
    const now = Date.now();
    act(() => useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", last: 37, receivedAt: now })]));
    act(() =>
      useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", last: 37.01, receivedAt: now + 1 })]),
    );
    expect(screen.getByTestId("last-PETR4:B").firstElementChild?.className).toContain("wl-flash-up");
    act(() =>
      useQuotesStore.getState().apply([makeQuote({ asset: "PETR4:B", last: 36.9, receivedAt: now + 2 })]),
    );
    expect(screen.getByTestId("last-PETR4:B").firstElementChild?.className).toContain("wl-flash-down");
  });
});
