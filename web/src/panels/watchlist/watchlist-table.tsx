import type { AssetInfo } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { WatchlistRow } from "./watchlist-row.tsx";

interface WatchlistTableProps {
  assets: readonly string[];
  instruments: ReadonlyMap<string, AssetInfo>;
  onRemove(asset: string): void;
}

/** Fixed column widths (table-layout: fixed) so ticking numbers never move the layout. */
export function WatchlistTable({ assets, instruments, onRemove }: WatchlistTableProps) {
  const t = useT();
  return (
    <table className="wl-table" aria-label={t("watchlist.table")}>
      <colgroup>
        <col className="wl-col-asset" />
        <col className="wl-col-price" />
        <col className="wl-col-pct" />
        <col className="wl-col-price" />
        <col className="wl-col-price" />
        <col className="wl-col-volume" />
        <col className="wl-col-time" />
        <col className="wl-col-actions" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t("watchlist.asset")}</th>
          <th scope="col" className="num">
            {t("watchlist.last")}
          </th>
          <th scope="col" className="num">
            {t("watchlist.change")}
          </th>
          <th scope="col" className="num">
            {t("watchlist.bid")}
          </th>
          <th scope="col" className="num">
            {t("watchlist.ask")}
          </th>
          <th scope="col" className="num">
            {t("watchlist.volume")}
          </th>
          <th scope="col" className="num">
            {t("watchlist.time")}
          </th>
          <th scope="col">
            <span className="visually-hidden">{t("watchlist.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {assets.map((asset) => (
          <WatchlistRow key={asset} asset={asset} info={instruments.get(asset)} onRemove={onRemove} />
        ))}
      </tbody>
    </table>
  );
}
