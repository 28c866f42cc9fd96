import { useQuery } from "@tanstack/react-query";
import { agentShortName, B3_AGENTS, TradeType } from "@pregao/contracts";
import { StaleAge } from "../../components/stale-age.tsx";
import { useT } from "../../i18n/use-t.ts";
import { formatPrice, formatQuantity, formatTime } from "../../lib/format.ts";
import { instrumentQueryOptions } from "../../lib/instruments.ts";
import { useAssetFreshness } from "../../stream/data-age.ts";
import { TAPE_LIMIT, useTape, useTapeHistory } from "../../stream/tape-store.ts";
import { useTradeSubscription } from "../../stream/use-channel.ts";
import { useQuoteSubscriptions } from "../../stream/use-quote-subscriptions.ts";
import { usePanelAsset } from "../../workspace/link-groups.ts";
import "./time-and-sales.css";

/** Rows rendered: the store's depth, which is also what the BFF's snapshot fills after a reload. */
const RENDERED = TAPE_LIMIT;

/** The aggressor side of a print, from its ProfitDLL tradeType (contracts' `TradeType`). */
function aggressor(tradeType: number): "buy" | "sell" | "none" {
  if (tradeType === TradeType.AGGRESSIVE_BUY) return "buy";
  return tradeType === TradeType.AGGRESSIVE_SELL ? "sell" : "none";
}

/** A broker by its short name (ProfitDLL's); the full name (when cut) and the B3 code in the tooltip. */
function Agent({ code }: { code: number }) {
  const translate = useT();
  return (
    <td
      className="ts-agent"
      title={
        B3_AGENTS.has(code)
          ? translate("tape.agentNamed", { name: agentShortName(code), code })
          : translate("tape.agent", { code })
      }
    >
      {agentShortName(code)}
    </td>
  );
}

/**
 * The tape of the selected asset, newest first, coloured by aggressor, with the buying and selling agents. While the
 * asset's data is not live the tape is greyed with its age (the watchlist's rule and wording).
 */
export default function TimeAndSalesPanel() {
  const translate = useT();
  const { asset } = usePanelAsset();
  useTradeSubscription(asset);
  // The asset's quote is its data clock (receivedAt), the same one the watchlist row reads.
  useQuoteSubscriptions([asset]);
  const fresh = useAssetFreshness(asset);
  const tape = useTape(asset);
  // Undefined until the BFF's snapshot (today's last prints) arrives; `unavailable`: the feed could not send them.
  const history = useTapeHistory(asset);
  const instrument = useQuery(instrumentQueryOptions(asset));
  const tick = instrument.data?.tickSize;
  const rows = tape.slice(0, RENDERED);
  return (
    <div className={fresh.stale ? "ts ts-stale" : "ts"} data-stale={fresh.stale}>
      <p className="ts-asset">
        <strong>{asset}</strong>{" "}
        <span className="ts-count">{translate("tape.prints", { count: tape.length })}</span>
        {fresh.stale && <StaleAge freshness={fresh} testId="tape-age" />}
      </p>
      {history === "unavailable" && (
        <p className="panel-note ts-history" role="status">
          {translate("tape.historyUnavailable")}
        </p>
      )}
      <table className="data-table ts-table" aria-label={translate("tape.table", { asset })}>
        <thead>
          <tr>
            <th scope="col" className="num">
              {translate("tape.time")}
            </th>
            <th scope="col" className="num">
              {translate("tape.price")}
            </th>
            <th scope="col" className="num">
              {translate("tape.qty")}
            </th>
            <th scope="col">{translate("tape.buyer")}</th>
            <th scope="col">{translate("tape.seller")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr
              key={t.tradeNumber}
              className={`ts-${aggressor(t.tradeType)}`}
              data-aggressor={aggressor(t.tradeType)}
            >
              <td className="num">{formatTime(t.ts)}</td>
              <td className="num ts-price">{formatPrice(t.price, tick)}</td>
              <td className="num">{formatQuantity(t.quantity)}</td>
              <Agent code={t.buyAgent} />
              <Agent code={t.sellAgent} />
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && (
        <p className="panel-note">
          {history === undefined ? translate("tape.loading") : translate("tape.waiting")}
        </p>
      )}
    </div>
  );
}
