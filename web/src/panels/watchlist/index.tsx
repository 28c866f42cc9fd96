import { useMemo } from "react";
import { indexInstruments, useInstruments } from "../../lib/instruments.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { AssetSearch } from "./asset-search.tsx";
import { usePanelInstance } from "../../workspace/panel-instance.tsx";
import { WatchlistListsBar } from "./watchlist-lists-bar.tsx";
import { useWatchlist } from "./watchlist-store.ts";
import { WatchlistTable } from "./watchlist-table.tsx";
import { useT } from "../../i18n/use-t.ts";
import { errorText } from "../../i18n/error-text.ts";
import "./watchlist.css";

/**
 * Live quotes for one of the user's named watchlists (the panel's own choice, else the active list); the lists are
 * part of their workspace, saved on the server.
 */
export default function WatchlistPanel() {
  const t = useT();
  const { query, workspace, name, assets, save, add, remove, show, edit } = useWatchlist();
  const panelId = usePanelInstance()?.id;
  // Only the instruments on the list (names, tick sizes); the search box asks the BFF for the rest.
  const instruments = useInstruments(assets);
  const byAsset = useMemo(() => indexInstruments(instruments.data), [instruments.data]);
  useQuoteSubscriptions(assets);

  if (query.isPending)
    return (
      <p className="wl-message" role="status">
        {t("watchlist.loading")}
      </p>
    );
  if (query.isError)
    return (
      <div className="wl-error" role="alert">
        <span>
          {t("watchlist.loadFailed", { message: errorText(query.error) })}
          {query.isFetching ? t("watchlist.retrying") : ""}
        </span>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t("common.retry")}
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
          {t("watchlist.notSavedRetrying")}
        </p>
      )}
      {save.status === "failed" && (
        <p className="wl-error" role="alert">
          {t("watchlist.notSaved", { message: save.error ? errorText(save.error) : t("watchlist.refused") })}
        </p>
      )}
      {instruments.error && (
        <div className="wl-error" role="alert">
          <span>
            {t("watchlist.instrumentsFailed", { message: errorText(instruments.error) })}
            {instruments.isFetching ? t("watchlist.retrying") : ""}
          </span>
          <button type="button" className="button" onClick={() => void instruments.refetch()}>
            {t("common.retry")}
          </button>
        </div>
      )}
      {instruments.isPending && assets.length > 0 ? (
        <p className="wl-message" role="status">
          {t("watchlist.loadingInstruments")}
        </p>
      ) : assets.length === 0 ? (
        <p className="wl-message">{t("watchlist.empty")}</p>
      ) : (
        <WatchlistTable assets={assets} instruments={byAsset} onRemove={remove} />
      )}
    </div>
  );
}
