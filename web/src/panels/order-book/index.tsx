import { useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { instrumentQueryOptions } from "../../lib/instruments.ts";
import { useBook } from "../../stream/book-store.ts";
import { useAssetFreshness } from "../../stream/data-age.ts";
import { useBookSubscription } from "../../stream/use-channel.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { usePanelAsset } from "../../workspace/link-groups.ts";
import { StaleAge } from "../../components/stale-age.tsx";
import { usePricePick } from "../../components/use-price-pick.tsx";
import { useT } from "../../i18n/use-t.ts";
import { BookSide } from "./book-side.tsx";
import { withCumulative } from "./depth.ts";
import "./order-book.css";

/**
 * Ten levels a side for the selected asset; clicking a level puts its price in the order ticket. While the asset's
 * data is not live the book is greyed with its age, and a click asks before a stale price reaches the ticket.
 */
export default function OrderBookPanel() {
  const t = useT();
  const { asset } = usePanelAsset();
  useBookSubscription(asset);
  // The asset's quote is its data clock (receivedAt), the same one the watchlist row reads.
  useQuoteSubscriptions([asset]);
  const book = useBook(asset);
  const fresh = useAssetFreshness(asset);
  const instrument = useQuery(instrumentQueryOptions(asset));
  const tick = instrument.data?.tickSize;
  const bids = useMemo(() => withCumulative(book?.bids ?? []), [book]);
  const asks = useMemo(() => withCumulative(book?.asks ?? []), [book]);
  const maxCum = Math.max(1, bids.at(-1)?.cumulative ?? 0, asks.at(-1)?.cumulative ?? 0);
  const { pick, dialog } = usePricePick("book", asset, tick, fresh);

  return (
    <div className={fresh.stale ? "ob ob-stale" : "ob"} data-stale={fresh.stale}>
      <p className="ob-asset">
        <strong>{asset}</strong>
        {!book && <span className="ob-wait">{t("book.waiting")}</span>}
        {fresh.stale && <StaleAge freshness={fresh} testId="book-age" />}
      </p>
      <div className="ob-sides">
        <BookSide
          label={t("book.bids", { asset })}
          side="bid"
          rows={bids}
          maxCum={maxCum}
          tick={tick}
          stale={fresh.stale}
          onPick={pick}
        />
        <BookSide
          label={t("book.asks", { asset })}
          side="ask"
          rows={asks}
          maxCum={maxCum}
          tick={tick}
          stale={fresh.stale}
          onPick={pick}
        />
      </div>
      {dialog}
    </div>
  );
}
