import { useQuery } from "@tanstack/react-query";
import { formatBRL } from "../../lib/format.ts";
import { orderErrorText } from "../../lib/trading.ts";
import { useKillSwitchStore } from "../../stream/kill-switch-store.ts";
import { riskLimitsQueryOptions } from "./api.ts";
import { KillSwitchControl } from "./kill-switch-control.tsx";
import { LimitsForm } from "./limits-form.tsx";
import "./risk.css";

/** Risk officer's desk: limits, today's loss against its limit, and the kill switch. */
export default function RiskPanel() {
  const limits = useQuery(riskLimitsQueryOptions());
  const live = useKillSwitchStore((s) => s.state);
  if (limits.isPending)
    return (
      <p className="panel-note" role="status">
        Loading limits…
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
      <section aria-label="Daily loss" className="risk-loss">
        <h3 className="risk-h">Daily loss</h3>
        <p className="risk-loss-figures">
          <span className="num">{formatBRL(l.currentDailyLoss)}</span> of{" "}
          <span className="num">{formatBRL(l.dailyLossLimit)}</span>
        </p>
        <div
          role="meter"
          aria-label="Daily loss against limit"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(used * 100)}
          className={`risk-bar risk-bar-${level}`}
        >
          <div style={{ width: `${used * 100}%` }} />
        </div>
        <p className="risk-meta">
          Trading hours:{" "}
          {l.tradingHours.alwaysOpen
            ? "always open"
            : `${l.tradingHours.start}–${l.tradingHours.end} (${l.tradingHours.timezone})`}
          {" · "}Default max position {l.defaultMaxPosition.toLocaleString("pt-BR")}
          {Object.entries(l.maxPositionSize).map(([a, n]) => ` · ${a} ${n.toLocaleString("pt-BR")}`)}
        </p>
      </section>
      <LimitsForm key={l.updatedAt} limits={l} />
    </div>
  );
}
