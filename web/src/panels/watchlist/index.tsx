import { useMemo } from "react";
import { indexInstruments, useInstruments } from "../../lib/instruments.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { AssetSearch } from "./asset-search.tsx";
import { useWatchlistStore } from "./watchlist-store.ts";
import { WatchlistTable } from "./watchlist-table.tsx";
import "./watchlist.css";

/** Live quotes for the trader's list; the list persists in localStorage. */
export default function WatchlistPanel() {
  const assets = useWatchlistStore((s) => s.assets);
  const add = useWatchlistStore((s) => s.add);
  const remove = useWatchlistStore((s) => s.remove);
  // Only the instruments on the list (names, tick sizes); the search box asks the BFF for the rest.
  const instruments = useInstruments(assets);
  const byAsset = useMemo(() => indexInstruments(instruments.data), [instruments.data]);
  useQuoteSubscriptions(assets);

  return (
    <div className="watchlist">
      <div className="wl-toolbar">
        <AssetSearch held={assets} onPick={add} />
      </div>
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
