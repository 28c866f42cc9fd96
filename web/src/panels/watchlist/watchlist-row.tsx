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
import { useAssetDataState, useFeedStatusStore } from "../../stream/feed-status-store.ts";
import { useQuote, useQuoteError } from "../../stream/quotes-store.ts";
import { useFeedKind } from "../../stream/use-feed-view.ts";
import { useIsPanelAsset, useSelectPanelAsset } from "../../workspace/link-groups.ts";
import { changePercent, quoteAgeMs, quoteStaleAt, rowState } from "./row-freshness.ts";
import { useTickFlash } from "./use-tick-flash.ts";

const TICKER_STATE_NAMES: Record<number, string> = {
  [TickerState.FROZEN]: "Frozen",
  [TickerState.INHIBITED]: "Inhibited",
  [TickerState.AUCTIONED]: "Auction",
  [TickerState.CLOSED]: "Closed",
  [TickerState.PRE_CLOSING]: "Pre-closing",
  [TickerState.PRE_OPENING]: "Pre-opening",
};

interface WatchlistRowProps {
  asset: string;
  info: AssetInfo | undefined;
  onRemove(asset: string): void;
}

/** One asset. Re-renders when its own quote changes, the feed kind flips, or the quote crosses the stale threshold. */
export const WatchlistRow = memo(function WatchlistRow({ asset, info, onRemove }: WatchlistRowProps) {
  const quote = useQuote(asset);
  const error = useQuoteError(asset);
  const feedLive = useFeedKind() === "live";
  const skewMs = useFeedStatusStore((s) => s.skewMs);
  const expired = useIsPast(quoteStaleAt(quote, skewMs));
  const dataState = useAssetDataState(asset) ?? quote?.dataState ?? null;
  const state = rowState({
    hasQuote: quote !== undefined,
    feedLive,
    expired,
    noData: dataState === "retrying",
  });
  const flash = useTickFlash(quote?.last ?? null);
  const pct = changePercent(quote);
  const tick = info?.tickSize;
  // Only the rows whose answer flips re-render on a selection; `select` is stable.
  const selected = useIsPanelAsset(asset);
  const select = useSelectPanelAsset();
  const tickerState = quote?.tickerState != null ? TICKER_STATE_NAMES[quote.tickerState] : undefined;

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
          title="Show in the order book, tape and ticket"
        >
          {asset}
        </button>
        {tickerState && <span className="wl-badge">{tickerState}</span>}
        {error && <span className="wl-badge wl-badge-error">{error}</span>}
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
          aria-label={`Remove ${asset}`}
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
