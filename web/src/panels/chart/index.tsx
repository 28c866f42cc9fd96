import { useCallback, useEffect, useMemo, useState } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { CandleInterval } from "@pregao/contracts";
import { instrumentQueryOptions } from "../../lib/instruments.ts";
import { useCandleSubscription, useFormingCandle } from "../../stream/candle-stream.ts";
import { useAssetFreshness } from "../../stream/data-age.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { usePanelAsset } from "../../workspace/link-groups.ts";
import { StaleAge } from "../../components/stale-age.tsx";
import { candlesQueryOptions } from "./candles-api.ts";
import { mergePages, snapToTick, withForming } from "./candles.ts";
import { ChartLegend } from "./chart-legend.tsx";
import { IntervalToggle } from "./interval-toggle.tsx";
import { useChartPriceLines } from "./use-chart-price-lines.ts";
import { usePricePick } from "../../components/use-price-pick.tsx";
import { useCandleChart } from "./use-candle-chart.ts";
import { useT } from "../../i18n/use-t.ts";
import "./chart.css";

/** The interval the chart had when it was last unmounted (kept for this page's life; workspaces persist it later). */
let rememberedInterval: CandleInterval = "5m";

/**
 * Candles and volume of the selected asset: history pages from the BFF (older ones loaded on scrolling left), the
 * forming bar live from the socket, the trader's orders and average price as lines. A click on the plot puts that
 * price in the ticket; while the asset's data is not live the chart is greyed with its age and a click asks first.
 */
export default function ChartPanel() {
  const t = useT();
  const { asset } = usePanelAsset();
  const [interval, setBarInterval] = useState<CandleInterval>(rememberedInterval);
  useEffect(() => {
    rememberedInterval = interval;
  }, [interval]);
  useQuoteSubscriptions([asset]);
  useCandleSubscription(asset, interval);
  const fresh = useAssetFreshness(asset);
  const tick = useQuery(instrumentQueryOptions(asset)).data?.tickSize;
  const query = useInfiniteQuery(candlesQueryOptions(asset, interval));
  const history = useMemo(() => mergePages(query.data?.pages ?? []), [query.data]);
  const forming = useFormingCandle(asset, interval);
  const lines = useChartPriceLines(asset);
  const { pick, dialog } = usePricePick("chart", asset, tick, fresh);

  const { hasNextPage, isFetchingNextPage, fetchNextPage, refetch } = query;
  const onNearOldest = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  // A bar closed: its last trades may have been conflated into the next bar's first update, so the closed bar is
  // re-read from history once (the BFF has the whole bar).
  const lastTime = history.at(-1)?.time;
  const formingTime = forming?.time;
  useEffect(() => {
    if (lastTime !== undefined && formingTime !== undefined && formingTime > lastTime) void refetch();
  }, [formingTime, lastTime, refetch]);

  const { containerRef, hovered } = useCandleChart({
    seriesKey: `${asset}|${interval}`,
    daily: interval === "1D",
    history,
    forming,
    tick,
    lines,
    onPricePick: (p) => pick(snapToTick(p, tick)),
    onNearOldest,
  });
  const newest = withForming(history, forming).at(-1);

  return (
    <div className={fresh.stale ? "chart chart-stale" : "chart"} data-stale={fresh.stale}>
      <div className="chart-toolbar">
        <strong className="chart-asset">{asset}</strong>
        <IntervalToggle value={interval} onChange={setBarInterval} />
        {fresh.stale && <StaleAge freshness={fresh} testId="chart-age" />}
        {query.isError && (
          <span className="chart-error" role="status">
            {t("chart.historyUnavailable")}{" "}
            <button type="button" className="chart-retry" onClick={() => void refetch()}>
              {t("common.retry")}
            </button>
          </span>
        )}
        {/* The library's own logo injects an inline <style>, which the CSP refuses; its licence asks for this notice. */}
        <a
          className="chart-attribution"
          href="https://www.tradingview.com/"
          target="_blank"
          rel="noopener noreferrer"
          title={t("chart.attribution")}
        >
          TradingView
        </a>
      </div>
      <ChartLegend candle={hovered ?? newest} interval={interval} tick={tick} />
      <div
        className="chart-plot"
        ref={containerRef}
        data-testid="chart-plot"
        data-bars={history.length}
        data-forming-close={forming?.close ?? ""}
        title={fresh.stale ? t("chart.clickStale") : t("chart.clickToPick")}
      />
      {dialog}
    </div>
  );
}
