import { useT } from "../../i18n/use-t.ts";
import { formatPrice, formatQuantity } from "../../lib/format.ts";
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
  const t = useT();
  return (
    <table className={`data-table ob-table ob-${side}`} aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="num" title={t("book.cumTitle")}>
            {t("book.cum")}
          </th>
          <th scope="col" className="num">
            {t("book.qty")}
          </th>
          <th scope="col" className="num" title={side === "bid" ? t("book.bidTitle") : t("book.askTitle")}>
            {side === "bid" ? t("book.bid") : t("book.ask")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} style={{ "--depth": `${(r.cumulative / maxCum) * 100}%` } as React.CSSProperties}>
            <td className="num ob-cum">{formatQuantity(r.cumulative)}</td>
            <td className="num">{formatQuantity(r.quantity)}</td>
            <td className="num ob-price">
              <button
                type="button"
                className="ob-level"
                title={stale ? t("book.pickStale") : t("book.pick")}
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
