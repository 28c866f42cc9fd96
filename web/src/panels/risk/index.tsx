import { useQuery } from "@tanstack/react-query";
import { useT } from "../../i18n/use-t.ts";
import { formatBRL, formatQuantity } from "../../lib/format.ts";
import { orderErrorText } from "../../lib/trading.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { riskLimitsQueryOptions } from "./api.ts";
import { KillSwitchControl } from "./kill-switch-control.tsx";
import { LimitsForm } from "./limits-form.tsx";
import { zoneLabel } from "./position-limits.ts";
import "./risk.css";

/** Risk officer's desk: limits, today's loss against its limit, and the kill switch. */
export default function RiskPanel() {
  const t = useT();
  const limits = useQuery(riskLimitsQueryOptions());
  const live = useKillSwitchStore((s) => s.state);
  if (limits.isPending)
    return (
      <p className="panel-note" role="status">
        {t("risk.loading")}
      </p>
    );
  if (limits.isError)
    return (
      <p className="panel-alert" role="alert">
        {orderErrorText(limits.error)}
      </p>
    );
  const l = limits.data;
  const used = l.dailyLossLimit > 0 ? Math.min(1, Math.max(0, l.currentDailyLoss / l.dailyLossLimit)) : 0;
  const level = used >= 0.9 ? "high" : used >= 0.6 ? "mid" : "low";
  return (
    <div className="risk">
      <KillSwitchControl state={live ?? l.killSwitch} />
      <section aria-label={t("risk.dailyLoss")} className="risk-loss">
        <h3 className="risk-h">{t("risk.dailyLoss")}</h3>
        <p className="risk-loss-figures">
          <span className="num">
            {t("risk.lossOf", { value: formatBRL(l.currentDailyLoss), limit: formatBRL(l.dailyLossLimit) })}
          </span>
        </p>
        <div
          role="meter"
          aria-label={t("risk.lossMeter")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(used * 100)}
          className={`risk-bar risk-bar-${level}`}
        >
          <div style={{ width: `${used * 100}%` }} />
        </div>
        <p className="risk-meta">
          {t("risk.tradingHours")}
          {l.tradingHours.alwaysOpen
            ? t("risk.alwaysOpen")
            : t("risk.hours", {
                start: l.tradingHours.start,
                end: l.tradingHours.end,
                zone: zoneLabel(l.tradingHours.timezone),
              })}
          {" · "}
          {t("risk.defaultMaxPosition", { n: formatQuantity(l.defaultMaxPosition) })}
          {Object.entries(l.maxPositionSize).map(([a, n]) => ` · ${a} ${formatQuantity(n)}`)}
        </p>
      </section>
      <LimitsForm key={l.updatedAt} limits={l} />
    </div>
  );
}
