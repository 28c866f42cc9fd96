import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { formatPrice } from "../../lib/format.ts";
import { instrumentsQueryOptions } from "../../lib/instruments.ts";
import { useBook } from "../../stream/book-store.ts";
import { useSelectedAsset } from "../../stream/selection-store.ts";
import { useTicketIntentStore } from "../../stream/ticket-intent-store.ts";
import { useBookSubscription } from "../../stream/use-channel.ts";
import { withCumulative, type DepthRow } from "./depth.ts";
import "./order-book.css";

/** Ten levels a side for the selected asset; clicking a level puts its price in the order ticket. */
export default function OrderBookPanel() {
  const asset = useSelectedAsset();
  useBookSubscription(asset);
  const book = useBook(asset);
  const instruments = useQuery(instrumentsQueryOptions());
  const tick = instruments.data?.find((i) => i.asset === asset)?.tickSize;
  const bids = useMemo(() => withCumulative(book?.bids ?? []), [book]);
  const asks = useMemo(() => withCumulative(book?.asks ?? []), [book]);
  const maxCum = Math.max(1, bids.at(-1)?.cumulative ?? 0, asks.at(-1)?.cumulative ?? 0);
  const pick = (price: number) => useTicketIntentStore.getState().setPrice(asset, price);

  return (
    <div className="ob">
      <p className="ob-asset">
        <strong>{asset}</strong>
        {!book && <span className="ob-wait"> — waiting for depth…</span>}
      </p>
      <div className="ob-sides">
        <Side label={`Bids ${asset}`} side="bid" rows={bids} maxCum={maxCum} tick={tick} onPick={pick} />
        <Side label={`Asks ${asset}`} side="ask" rows={asks} maxCum={maxCum} tick={tick} onPick={pick} />
      </div>
    </div>
  );
}

interface SideProps {
  label: string;
  side: "bid" | "ask";
  rows: readonly DepthRow[];
  maxCum: number;
  tick: number | undefined;
  onPick(price: number): void;
}

function Side({ label, side, rows, maxCum, tick, onPick }: SideProps) {
  return (
    <table className={`data-table ob-table ob-${side}`} aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="num">
            Cum
          </th>
          <th scope="col" className="num">
            Qty
          </th>
          <th scope="col" className="num">
            {side === "bid" ? "Bid" : "Ask"}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} style={{ "--depth": `${(r.cumulative / maxCum) * 100}%` } as React.CSSProperties}>
            <td className="num ob-cum">{r.cumulative.toLocaleString("pt-BR")}</td>
            <td className="num">{r.quantity.toLocaleString("pt-BR")}</td>
            <td className="num ob-price">
              <button
                type="button"
                className="ob-level"
                title="Use this price in the order ticket"
                onClick={() => onPick(r.price)}
              >
                {formatPrice(r.price, tick)}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
