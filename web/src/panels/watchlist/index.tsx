import { useMemo } from "react";
import { indexInstruments, useInstruments } from "../../lib/instruments.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { AssetSearch } from "./asset-search.tsx";
import { useWatchlist } from "./watchlist-store.ts";
import { WatchlistTable } from "./watchlist-table.tsx";
import "./watchlist.css";

/** Live quotes for the user's active watchlist; the list is part of their workspace, saved on the server. */
export default function WatchlistPanel() {
  const { query, assets, save, add, remove } = useWatchlist();
  // Only the instruments on the list (names, tick sizes); the search box asks the BFF for the rest.
  const instruments = useInstruments(assets);
  const byAsset = useMemo(() => indexInstruments(instruments.data), [instruments.data]);
  useQuoteSubscriptions(assets);

  if (query.isPending)
    return (
      <p className="wl-message" role="status">
        Loading watchlist…
      </p>
    );
  if (query.isError)
    return (
      <div className="wl-error" role="alert">
        <span>
          Could not load your watchlist: {query.error.message}
          {query.isFetching ? " — retrying…" : ""}
        </span>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          Retry
        </button>
      </div>
    );
  return (
    <div className="watchlist">
      <div className="wl-toolbar">
        <AssetSearch held={assets} onPick={add} />
      </div>
      {save.status === "retrying" && (
        <p className="wl-error" role="alert">
          Watchlist not saved — retrying
        </p>
      )}
      {save.status === "failed" && (
        <p className="wl-error" role="alert">
          Watchlist not saved: {save.error?.message ?? "refused by the server"}
        </p>
      )}
      {instruments.error && (
        <div className="wl-error" role="alert">
          <span>
            Could not load instruments: {instruments.error.message}
            {instruments.isFetching ? " — retrying…" : ""}
          </span>
          <button type="button" className="button" onClick={() => void instruments.refetch()}>
            Retry
          </button>
        </div>
      )}
      {instruments.isPending && assets.length > 0 ? (
        <p className="wl-message" role="status">
          Loading instruments…
        </p>
      ) : assets.length === 0 ? (
        <p className="wl-message">No assets — add one</p>
      ) : (
        <WatchlistTable assets={assets} instruments={byAsset} onRemove={remove} />
      )}
    </div>
  );
}
