import { useQuery } from "@tanstack/react-query";
import { StaleAge } from "../../components/stale-age.tsx";
import { useT } from "../../i18n/use-t.ts";
import { direction, formatPercent, formatPrice, formatTime } from "../../lib/format.ts";
import { instrumentQueryOptions } from "../../lib/instruments.ts";
import { useAssetFreshness } from "../../stream/data-age.ts";
import { useQuote } from "../../stream/quotes-store.ts";
import { useSelectedAsset } from "../../stream/selection-store.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";

const signed = (value: number | null, tick: number | undefined): string =>
  value !== null && value > 0 ? `+${formatPrice(value, tick)}` : formatPrice(value, tick);

/**
 * The selected asset's quote on the phone: last, change, bid/ask, last trade time and whether it is live. The change is
 * the server's (`change`, `changePct`), not recomputed here. E2E: getByRole("region", { name: "Quote" }).
 */
export function SelectedQuote() {
  const t = useT();
  const asset = useSelectedAsset();
  useQuoteSubscriptions([asset]);
  const quote = useQuote(asset);
  const fresh = useAssetFreshness(asset);
  const tick = useQuery(instrumentQueryOptions(asset)).data?.tickSize;
  const dir = direction(quote?.change ?? null);
  return (
    <div className="phone-quote" data-stale={fresh.stale}>
      <p className="phone-quote-head">
        <strong data-testid="quote-asset">{asset}</strong>
        {fresh.stale ? (
          <StaleAge freshness={fresh} testId="quote-age" />
        ) : (
          <span className="phone-quote-live">{quote ? t("phone.live") : t("phone.waiting")}</span>
        )}
      </p>
      <p className="phone-quote-last">
        <span className="num" aria-label={t("phone.last")}>
          {formatPrice(quote?.last, tick)}
        </span>
        <span className={`num ${dir}`} aria-label={t("phone.change")}>
          {signed(quote?.change ?? null, tick)} ({formatPercent(quote?.changePct)})
        </span>
      </p>
      <dl className="phone-quote-grid">
        <dt>{t("phone.bid")}</dt>
        <dd className="num">{formatPrice(quote?.bid, tick)}</dd>
        <dt>{t("phone.ask")}</dt>
        <dd className="num">{formatPrice(quote?.ask, tick)}</dd>
        <dt>{t("phone.lastTrade")}</dt>
        <dd className="num">{formatTime(quote?.lastTradeAt)}</dd>
      </dl>
    </div>
  );
}
