import type { AssetInfo } from "@pregao/contracts";
import { WatchlistRow } from "./watchlist-row.tsx";

interface WatchlistTableProps {
  assets: readonly string[];
  instruments: ReadonlyMap<string, AssetInfo>;
  onRemove(asset: string): void;
}

/** Fixed column widths (table-layout: fixed) so ticking numbers never move the layout. */
export function WatchlistTable({ assets, instruments, onRemove }: WatchlistTableProps) {
  return (
    <table className="wl-table" aria-label="Watchlist quotes">
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
          <th scope="col">Asset</th>
          <th scope="col" className="num">
            Last
          </th>
          <th scope="col" className="num">
            Chg %
          </th>
          <th scope="col" className="num">
            Bid
          </th>
          <th scope="col" className="num">
            Ask
          </th>
          <th scope="col" className="num">
            Volume
          </th>
          <th scope="col" className="num">
            Time
          </th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
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
