import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AssetInfo, Candle, CandlesResponse, Order } from "@pregao/contracts";
import { instrumentKeys } from "../../lib/instruments.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useCandleStore } from "../../stream/candle-stream.ts";
import { useFeedStatusStore } from "../../stream/feed-status-store.ts";
import { useOrdersStore } from "../../stream/orders-store.ts";
import { usePositionsStore } from "../../stream/positions-store.ts";
import { useQuotesStore } from "../../stream/quotes-store.ts";
import { useSelectionStore } from "../../stream/selection-store.ts";
import { makeQuote } from "../../stream/test-quote.ts";
import { useTicketIntentStore } from "../../stream/ticket-intent-store.ts";
import { useFeedKindStore } from "../../stream/use-feed-view.ts";
import { candleKeys } from "./candles-api.ts";
import { toChartTime } from "./candles.ts";
import { charts, fakeLightweightCharts } from "./test-chart-fake.ts";
import ChartPanel from "./index.tsx";
import { setLocale } from "../../i18n/i18n.ts";

vi.mock("lightweight-charts", () => fakeLightweightCharts());
vi.mock("../../stream/use-quote-subscriptions.ts", () => ({ useQuoteSubscriptions: () => undefined }));

const ASSET = "PETR4:B";
const T0 = Date.UTC(2026, 2, 2, 13, 0); // 10:00 São Paulo
const bar = (i: number, close: number, over: Partial<Candle> = {}): Candle => ({
  time: T0 + i * 300_000,
  open: 37,
  high: Math.max(37, close),
  low: Math.min(37, close),
  close,
  volume: 1000 * (Math.abs(i) + 1),
  trades: 10,
  ...over,
});
const page = (candles: Candle[], nextTo: number | null = null, interval = "5m"): CandlesResponse =>
  ({ asset: ASSET, interval, candles, nextTo }) as CandlesResponse;

function renderChart(pages: CandlesResponse[] = [page([bar(0, 37.1), bar(1, 37.28)])]) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  qc.setQueryData(instrumentKeys.asset(ASSET), { asset: ASSET, tickSize: 0.01 } as AssetInfo);
  qc.setQueryData(queryKeys.clientConfig, { sentry: null });
  qc.setQueryData(candleKeys.history(ASSET, "5m"), {
    pages,
    pageParams: pages.map((_, i) => (i ? 1 : null)),
  });
  const view = render(
    <QueryClientProvider client={qc}>
      <ChartPanel />
    </QueryClientProvider>,
  );
  return { qc, view, chart: charts.at(-1)! };
}

const live = () => useQuotesStore.getState().apply([makeQuote({ asset: ASSET, receivedAt: Date.now() })]);
const legend = () => screen.getByTestId("chart-legend");
const order: Order = {
  orderId: "o1",
  account: { brokerId: 1, accountId: "A1" },
  asset: ASSET,
  side: "BUY",
  type: "LIMIT",
  quantity: 500,
  filledQuantity: 0,
  price: 36.9,
  stopPrice: null,
  avgFillPrice: null,
  status: "SUBMITTED",
  profitDllStatus: 0,
  timeInForce: "DAY",
  fills: [],
  reason: null,
  userId: "u",
  createdAt: 1,
  updatedAt: 1,
};

beforeEach(() => {
  charts.length = 0;
  useSelectionStore.setState({ asset: ASSET });
  useQuotesStore.setState({ quotes: new Map(), errors: new Map() });
  useFeedStatusStore.setState({ skewMs: 0, status: null });
  useFeedKindStore.setState({ kind: "live" });
  useTicketIntentStore.setState({ intent: null });
  useCandleStore.setState({ forming: new Map() });
  useOrdersStore.setState({ orders: new Map() });
  usePositionsStore.setState({ report: null });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setLocale("en");
});

describe("chart panel", () => {
  it("hands history to the candle and volume series, and shows the newest bar's OHLCV (English in tests)", () => {
    const { chart } = renderChart();
    expect(chart.candles.data).toEqual([
      { time: toChartTime(bar(0, 0).time), open: 37, high: 37.1, low: 37, close: 37.1 },
      { time: toChartTime(bar(1, 0).time), open: 37, high: 37.28, low: 37, close: 37.28 },
    ]);
    expect(chart.volume.data).toMatchObject([{ value: 1000 }, { value: 2000 }]);
    expect(legend().textContent).toContain("03/02 10:05 BRT");
    expect(legend().textContent).toContain("C 37.28");
    expect(legend().textContent).toContain("V 2,000");
  });

  it("shows the bar under the crosshair in the legend", () => {
    const { chart } = renderChart();
    act(() => chart.crosshair!({ time: toChartTime(bar(0, 0).time) } as never));
    expect(legend().textContent).toContain("03/02 10:00 BRT");
    expect(legend().textContent).toContain("C 37.10");
  });

  it("moves the forming bar in place and appends the next one, ignoring a closed bar's late update", () => {
    const { chart } = renderChart();
    const push = (c: Candle) =>
      act(() => useCandleStore.getState().apply([{ asset: ASSET, interval: "5m", candle: c }]));
    push(bar(1, 37.4));
    push(bar(2, 37.5));
    push(bar(0, 99));
    expect(chart.candles.updates.map((b) => [b.time, b.close])).toEqual([
      [toChartTime(bar(1, 0).time), 37.4],
      [toChartTime(bar(2, 0).time), 37.5],
    ]);
    expect(legend().textContent).toContain("C 37.50");
  });

  it("re-reads history once when a new bar starts (the closed bar's last trades may have been conflated away)", async () => {
    const fetchMock = vi.fn(() =>
      Promise.resolve(Response.json(page([bar(0, 37.1), bar(1, 37.33), bar(2, 37.4)]))),
    );
    vi.stubGlobal("fetch", fetchMock);
    const { chart } = renderChart();
    const push = (c: Candle) =>
      act(() => useCandleStore.getState().apply([{ asset: ASSET, interval: "5m", candle: c }]));
    push(bar(1, 37.3));
    expect(fetchMock).not.toHaveBeenCalled();
    push(bar(2, 37.4));
    await vi.waitFor(() =>
      expect((chart.candles.data as { close: number }[]).map((b) => b.close)).toEqual([37.1, 37.33, 37.4]),
    );
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("draws working orders as price lines and removes a line when its order fills", () => {
    const { chart } = renderChart();
    act(() => useOrdersStore.getState().apply([order]));
    expect([...chart.candles.lines].map((l) => [l.options.price, l.options.title])).toEqual([
      [36.9, "Buy 500"],
    ]);
    act(() =>
      useOrdersStore.getState().apply([{ ...order, status: "FILLED", filledQuantity: 500, updatedAt: 2 }]),
    );
    expect(chart.candles.lines.size).toBe(0);
  });

  it("follows a live language switch: the same chart takes the new locale, price format and line titles", () => {
    const { chart } = renderChart();
    act(() => useOrdersStore.getState().apply([{ ...order, quantity: 1500 }]));
    const priceFormat = () =>
      (chart.candles.options.priceFormat as { formatter: (p: number) => string }).formatter(1234.5);
    expect(priceFormat()).toBe("1,234.50");
    act(() => setLocale("pt-BR"));
    expect(charts).toHaveLength(1); // re-localised in place, not re-created
    expect(chart.options.localization).toEqual({ locale: "pt-BR" });
    expect(priceFormat()).toBe("1.234,50");
    expect([...chart.candles.lines].map((l) => l.options.title)).toEqual(["Compra 1.500"]);
    expect(screen.getByRole("group", { name: "Periodicidade" })).toBeTruthy();
  });

  it("puts a clicked price, on the tick grid, straight into the ticket while live", () => {
    live();
    const { chart } = renderChart();
    act(() => chart.click!({ point: { x: 10, y: 37.2849 } } as never));
    expect(useTicketIntentStore.getState().intent).toMatchObject({ asset: ASSET, price: 37.28 });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("greys a stale chart with its age and asks before a clicked price reaches the ticket", () => {
    useFeedKindStore.setState({ kind: "stale" });
    const { chart } = renderChart();
    expect(screen.getByTestId("chart-plot").closest("[data-stale]")!.getAttribute("data-stale")).toBe("true");
    expect(screen.getByTestId("chart-age").textContent).not.toBe("");
    act(() => chart.click!({ point: { x: 10, y: 37.31 } } as never));
    expect(useTicketIntentStore.getState().intent).toBeNull();
    const dialog = screen.getByRole("dialog", { name: "Use a stale price?" });
    expect(dialog.textContent).toContain("37.31");
    fireEvent.click(within(dialog).getByRole("button", { name: "Use price" }));
    expect(useTicketIntentStore.getState().intent).toMatchObject({ asset: ASSET, price: 37.31 });
  });

  it("shows dates only on the axis of daily bars", () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(Response.json(page([], null, "1D")))),
    );
    const { chart } = renderChart();
    expect(chart.options).toMatchObject({ timeScale: { timeVisible: true } });
    fireEvent.click(screen.getByRole("button", { name: "1D" }));
    expect(chart.options).toMatchObject({ timeScale: { timeVisible: false } });
    fireEvent.click(screen.getByRole("button", { name: "5m" }));
    expect(chart.options).toMatchObject({ timeScale: { timeVisible: true } });
  });

  it("offers the intervals as a labelled group of toggle buttons and remembers the choice", async () => {
    const fetchMock = vi.fn(() => Promise.resolve(Response.json(page([bar(0, 38)], null, "1m"))));
    vi.stubGlobal("fetch", fetchMock);
    const { view, qc } = renderChart();
    const group = screen.getByRole("group", { name: "Interval" });
    const buttons = within(group).getAllByRole("button");
    expect(buttons.map((b) => b.textContent)).toEqual(["1m", "5m", "15m", "60m", "1D"]);
    expect(within(group).getByRole("button", { name: "5m" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(within(group).getByRole("button", { name: "1m" }));
    expect(within(group).getByRole("button", { name: "1m" }).getAttribute("aria-pressed")).toBe("true");
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toContain("interval=1m");
    view.unmount();
    render(
      <QueryClientProvider client={qc}>
        <ChartPanel />
      </QueryClientProvider>,
    );
    expect(screen.getByRole("button", { name: "1m" }).getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "5m" }));
  });

  it("loads the page before the oldest bar when the user scrolls near it, and merges it in", async () => {
    const older = page([bar(-2, 36.5), bar(-1, 36.8)]);
    const fetchMock = vi.fn(() => Promise.resolve(Response.json(older)));
    vi.stubGlobal("fetch", fetchMock);
    const { chart } = renderChart([page([bar(0, 37.1), bar(1, 37.28)], bar(0, 0).time)]);
    act(() => chart.range!({ from: 3, to: 60 } as never));
    await vi.waitFor(() => expect(chart.candles.data).toHaveLength(4));
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toContain(`to=${bar(0, 0).time}`);
    expect((chart.candles.data as { close: number }[]).map((b) => b.close)).toEqual([
      36.5, 36.8, 37.1, 37.28,
    ]);
  });
});
