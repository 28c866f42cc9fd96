import { useEffect, useMemo } from "react";
import { useQuery } from "@tanstack/react-query";
import { useT } from "../../i18n/use-t.ts";
import { direction, formatPrice, formatQuantity } from "../../lib/format.ts";
import { indexInstruments, useInstruments } from "../../lib/instruments.ts";
import { can, sessionQueryOptions } from "../../lib/session.ts";
import { orderErrorText, positionsQueryOptions } from "../../lib/trading.ts";
import { usePositionsStore } from "../../stream/positions-store.ts";
import { useQuotesStore } from "../../stream/quotes-store.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { useFeedKind } from "../../stream/use-feed-view.ts";
import { markPosition, totals } from "./mark.ts";
import "./positions.css";

/** BRL without the currency sign (the headers say BRL): keeps eight columns readable in one grid column. */
const brl = (v: number) => formatPrice(v, 0.01);

/** Net positions with P&L in BRL, unrealised marked from the live quotes so it moves with the market. */
export default function PositionsPanel() {
  const t = useT();
  const session = useQuery(sessionQueryOptions());
  const seed = useQuery(positionsQueryOptions());
  useEffect(() => {
    if (seed.data) usePositionsStore.getState().apply(seed.data);
  }, [seed.data]);
  const report = usePositionsStore((s) => s.report);
  const positions = useMemo(() => report?.positions ?? [], [report]);
  const assets = useMemo(() => [...new Set(positions.map((p) => p.asset))].sort(), [positions]);
  const instruments = useInstruments(assets); // contract multipliers of the assets held, not the whole catalog
  const byAsset = useMemo(() => indexInstruments(instruments.data), [instruments.data]);
  useQuoteSubscriptions(assets);
  const quotes = useQuotesStore((s) => s.quotes);
  // Marked from quotes: while the feed or the socket is not live (e.g. reconnecting) they are last-known, greyed.
  const feedLive = useFeedKind() === "live";
  const rows = positions.map((p) =>
    markPosition(p, quotes.get(p.asset)?.last, byAsset.get(p.asset)?.contractMultiplier ?? 1),
  );
  const sum = totals(rows);
  const showAccount = can(session.data, "accounts:read:all") || (session.data?.user.accounts.length ?? 0) > 1;

  if (seed.isError && !report)
    return (
      <p className="panel-alert" role="alert">
        {orderErrorText(seed.error)}
      </p>
    );
  if (!report)
    return (
      <p className="panel-note" role="status">
        {t("positions.loading")}
      </p>
    );
  return (
    <table className="data-table pos-table" aria-label={t("positions.table")} data-live={feedLive}>
      <thead>
        <tr>
          {showAccount && <th scope="col">{t("positions.account")}</th>}
          <th scope="col">{t("positions.asset")}</th>
          <th scope="col" className="num" title={t("positions.netTitle")}>
            {t("positions.net")}
          </th>
          <th scope="col" className="num" title={t("positions.avgTitle")}>
            {t("positions.avg")}
          </th>
          <th scope="col" className="num" title={t("positions.lastTitle")}>
            {t("positions.last")}
          </th>
          <th scope="col" className="num" title={t("positions.unrealisedTitle")}>
            {t("positions.unrealised")}
          </th>
          <th scope="col" className="num" title={t("positions.realisedTitle")}>
            {t("positions.realised")}
          </th>
          <th scope="col" className="num" title={t("positions.totalTitle")}>
            {t("positions.total")}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const tick = byAsset.get(r.position.asset)?.tickSize;
          return (
            <tr key={r.key} data-testid={`position-${r.position.asset}`}>
              {showAccount && (
                <td title={`${r.position.account.brokerId}:${r.position.account.accountId}`}>
                  {r.position.account.accountId}
                </td>
              )}
              <td title={r.position.asset}>{r.position.asset}</td>
              <td className={`num ${direction(r.position.netQuantity)}`}>
                {formatQuantity(r.position.netQuantity)}
              </td>
              <td className="num">{formatPrice(r.position.averagePrice, tick)}</td>
              <td className="num pos-marked">{formatPrice(r.last, tick)}</td>
              <td
                className={`num pos-marked ${direction(r.unrealized)}`}
                data-testid={`unrealized-${r.position.asset}`}
              >
                {brl(r.unrealized)}
              </td>
              <td className={`num ${direction(r.position.realizedPnl)}`}>{brl(r.position.realizedPnl)}</td>
              <td className={`num pos-marked ${direction(r.total)}`}>{brl(r.total)}</td>
            </tr>
          );
        })}
        {rows.length === 0 && (
          <tr>
            <td colSpan={showAccount ? 8 : 7} className="pos-empty">
              {t("positions.none")}
            </td>
          </tr>
        )}
      </tbody>
      <tfoot>
        <tr data-testid="positions-total">
          <td colSpan={showAccount ? 5 : 4}>{t("positions.totalRow")}</td>
          <td className={`num pos-marked ${direction(sum.unrealized)}`}>{brl(sum.unrealized)}</td>
          <td className={`num ${direction(sum.realized)}`}>{brl(sum.realized)}</td>
          <td className={`num pos-marked ${direction(sum.total)}`}>{brl(sum.total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
