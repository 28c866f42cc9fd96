import { formatPrice } from "../../lib/format.ts";
import type { DepthRow } from "./depth.ts";

interface BookSideProps {
  label: string;
  side: "bid" | "ask";
  rows: readonly DepthRow[];
  maxCum: number;
  tick: number | undefined;
  /** Says so in each level's title: a click asks before the price reaches the ticket. */
  stale: boolean;
  onPick(price: number): void;
}

/** One side of the book, best level first; the price is a button that fills the order ticket. */
export function BookSide({ label, side, rows, maxCum, tick, stale, onPick }: BookSideProps) {
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
                title={
                  stale
                    ? "Not live: asks before using this price in the order ticket"
                    : "Use this price in the order ticket"
                }
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
