import { useMemo } from "react";
import { indexInstruments, useInstruments } from "../../lib/instruments.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { AssetSearch } from "./asset-search.tsx";
import { usePanelInstance } from "../../workspace/panel-instance.tsx";
import { WatchlistListsBar } from "./watchlist-lists-bar.tsx";
import { useWatchlist } from "./watchlist-store.ts";
import { WatchlistTable } from "./watchlist-table.tsx";
import "./watchlist.css";

/**
 * Live quotes for one of the user's named watchlists (the panel's own choice, else the active list); the lists are
 * part of their workspace, saved on the server.
 */
export default function WatchlistPanel() {
  const { query, workspace, name, assets, save, add, remove, show, edit } = useWatchlist();
  const panelId = usePanelInstance()?.id;
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
        {workspace && name !== undefined && (
          <WatchlistListsBar workspace={workspace} name={name} panelId={panelId} show={show} edit={edit} />
        )}
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
