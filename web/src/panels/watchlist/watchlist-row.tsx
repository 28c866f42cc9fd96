import { memo } from "react";
import { TickerState, type AssetInfo } from "@pregao/contracts";
import {
  direction,
  formatAge,
  formatCompactBRL,
  formatPercent,
  formatPrice,
  formatTime,
} from "../../lib/format.ts";
import { useIsPast, useNow } from "../../lib/use-now.ts";
import { ASSET_DATA_LABELS } from "../../lib/feed-labels.ts";
import {
  selectDataStaleAfterMs,
  useAssetDataState,
  useFeedStatusStore,
} from "../../stream/feed-status-store.ts";
import { useQuote, useQuoteError } from "../../stream/quotes-store.ts";
import { useFeedKind } from "../../stream/use-feed-view.ts";
import { useIsPanelAsset, useSelectPanelAsset } from "../../workspace/link-groups.ts";
import { quoteAgeMs, quoteStaleAt, rowState } from "./row-freshness.ts";
import { useTickFlash } from "./use-tick-flash.ts";
import { useT } from "../../i18n/use-t.ts";
import { tKey, type TKey } from "../../i18n/i18n.ts";
import { errorText } from "../../i18n/error-text.ts";

const TICKER_STATE_NAMES: Record<number, TKey> = {
  [TickerState.FROZEN]: "watchlist.tickerState.frozen",
  [TickerState.INHIBITED]: "watchlist.tickerState.inhibited",
  [TickerState.AUCTIONED]: "watchlist.tickerState.auction",
  [TickerState.CLOSED]: "watchlist.tickerState.closed",
  [TickerState.PRE_CLOSING]: "watchlist.tickerState.preClosing",
  [TickerState.PRE_OPENING]: "watchlist.tickerState.preOpening",
};

interface WatchlistRowProps {
  asset: string;
  info: AssetInfo | undefined;
  onRemove(asset: string): void;
}

/**
 * One asset. Re-renders when its own quote changes, the feed kind flips, the quote crosses the stale threshold, or the
 * language switches (`useT` subscribes: numbers, times and words follow the new locale with unchanged props).
 */
export const WatchlistRow = memo(function WatchlistRow({ asset, info, onRemove }: WatchlistRowProps) {
  const t = useT();
  const quote = useQuote(asset);
  const error = useQuoteError(asset);
  const feedLive = useFeedKind() === "live";
  const skewMs = useFeedStatusStore((s) => s.skewMs);
  const staleAfterMs = useFeedStatusStore(selectDataStaleAfterMs);
  const expired = useIsPast(quoteStaleAt(quote, skewMs, staleAfterMs));
  const dataState = useAssetDataState(asset) ?? quote?.dataState ?? null;
  const state = rowState({
    hasQuote: quote !== undefined,
    feedLive,
    expired,
    noData: dataState === "retrying",
  });
  const flash = useTickFlash(quote?.last ?? null);
  // The BFF computes change % (upstream/quote.ts); the row only shows it.
  const pct = quote?.changePct ?? null;
  const tick = info?.tickSize;
  // Only the rows whose answer flips re-render on a selection; `select` is stable.
  const selected = useIsPanelAsset(asset);
  const select = useSelectPanelAsset();
  const stateKey = quote?.tickerState != null ? TICKER_STATE_NAMES[quote.tickerState] : undefined;
  const tickerState = stateKey && tKey(stateKey);

  return (
    <tr
      className={`wl-row wl-${state}${selected ? " wl-selected" : ""}`}
      data-testid={`row-${asset}`}
      data-stale={state === "stale" || state === "retrying"}
      aria-selected={selected}
      onClick={() => select(asset)}
    >
      <td className="wl-asset" title={info?.name}>
        <button
          type="button"
          className="wl-ticker wl-select"
          aria-pressed={selected}
          title={t("watchlist.select")}
        >
          {asset}
        </button>
        {tickerState && <span className="wl-badge">{tickerState}</span>}
        {error && <span className="wl-badge wl-badge-error">{errorText(error)}</span>}
        {state === "retrying" && (
          <span className="wl-badge wl-badge-nodata" data-testid={`nodata-${asset}`}>
            {ASSET_DATA_LABELS.retrying}
          </span>
        )}
        {(state === "stale" || state === "retrying") && quote && (
          <QuoteAge receivedAt={quote.receivedAt} skewMs={skewMs} asset={asset} />
        )}
      </td>
      <td className="num" data-testid={`last-${asset}`}>
        <span key={flash?.seq ?? 0} className={flash ? `wl-flash wl-flash-${flash.dir}` : "wl-flash"}>
          {formatPrice(quote?.last, tick)}
        </span>
      </td>
      <td className={`num ${direction(pct)}`} data-testid={`change-${asset}`}>
        {formatPercent(pct)}
      </td>
      <td className="num">{formatPrice(quote?.bid, tick)}</td>
      <td className="num">{formatPrice(quote?.ask, tick)}</td>
      <td className="num">{formatCompactBRL(quote?.volume)}</td>
      <td className="num">{formatTime(quote?.lastTradeAt)}</td>
      <td className="wl-actions">
        <button
          type="button"
          className="wl-remove"
          aria-label={t("watchlist.remove", { asset })}
          onClick={(e) => {
            e.stopPropagation();
            onRemove(asset);
          }}
        >
          ×
        </button>
      </td>
    </tr>
  );
});

/** Only stale rows tick every second. */
function QuoteAge({ receivedAt, skewMs, asset }: { receivedAt: number; skewMs: number; asset: string }) {
  const now = useNow(1000);
  const age = quoteAgeMs(receivedAt, skewMs, now);
  return (
    <span className="wl-age" data-testid={`age-${asset}`}>
      {formatAge(age)}
    </span>
  );
}
