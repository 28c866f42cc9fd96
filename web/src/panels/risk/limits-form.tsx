import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { RiskLimits } from "@pregao/contracts";
import { orderErrorText } from "../../lib/trading.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { updateRiskLimits } from "./api.ts";
import { OrderLimitsFields, useOrderLimitsDraft } from "./order-limits-fields.tsx";

/** Parse `PETR4:B=1000` lines into a per-asset map; null when a line is malformed. */
export function parseMaxPositions(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const raw of text.split(/[\n,;]/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Z0-9]+:[BF])\s*=\s*(\d+)$/i.exec(line);
    if (!m) return null;
    out[m[1]!.toUpperCase()] = Number(m[2]);
  }
  return out;
}

/** Edit limits (PUT). Only changed fields are sent. */
export function LimitsForm({ limits }: { limits: RiskLimits }) {
  const [loss, setLoss] = useState(String(limits.dailyLossLimit));
  const [maxPos, setMaxPos] = useState(
    Object.entries(limits.maxPositionSize)
      .map(([a, n]) => `${a}=${n}`)
      .join("\n"),
  );
  const [start, setStart] = useState(limits.tradingHours.start);
  const [end, setEnd] = useState(limits.tradingHours.end);
  const [alwaysOpen, setAlwaysOpen] = useState(limits.tradingHours.alwaysOpen);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const orderLimits = useOrderLimitsDraft(limits);
  const queryClient = useQueryClient();
  const save = async () => {
    const maxPositionSize = parseMaxPositions(maxPos);
    if (!maxPositionSize)
      return setMessage({ text: "Max positions: one ASSET=quantity per line", error: true });
    const orderPatch = orderLimits.patch();
    if (!orderPatch)
      return setMessage({
        text: "Order limits: one ASSET qty=… notional=… collar=… hard=… per line",
        error: true,
      });
    try {
      await updateRiskLimits({
        dailyLossLimit: Number(loss),
        maxPositionSize,
        tradingHours: { start, end, alwaysOpen },
        ...orderPatch,
      });
      setMessage({ text: "Limits saved", error: false });
      void queryClient.invalidateQueries({ queryKey: queryKeys.risk.limits });
    } catch (err) {
      setMessage({ text: orderErrorText(err), error: true });
    }
  };
  return (
    <form
      className="risk-form"
      aria-label="Edit limits"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field" htmlFor="risk-loss">
        Daily loss limit (BRL)
        <input
          id="risk-loss"
          className="input num"
          type="number"
          min={100}
          value={loss}
          onChange={(e) => setLoss(e.target.value)}
        />
      </label>
      <label className="field" htmlFor="risk-start">
        Trading from
        <input
          id="risk-start"
          className="input"
          type="time"
          value={start}
          onChange={(e) => setStart(e.target.value)}
        />
      </label>
      <label className="field" htmlFor="risk-end">
        Trading until
        <input
          id="risk-end"
          className="input"
          type="time"
          value={end}
          onChange={(e) => setEnd(e.target.value)}
        />
      </label>
      <label className="risk-check">
        <input type="checkbox" checked={alwaysOpen} onChange={(e) => setAlwaysOpen(e.target.checked)} />
        Always open (demo)
      </label>
      <label className="field risk-maxpos" htmlFor="risk-maxpos">
        Max position per asset (ASSET=qty per line; default {limits.defaultMaxPosition})
        <textarea
          id="risk-maxpos"
          className="input"
          rows={2}
          value={maxPos}
          onChange={(e) => setMaxPos(e.target.value)}
        />
      </label>
      <OrderLimitsFields draft={orderLimits} />
      <div className="risk-save">
        <button type="submit" className="btn btn-primary">
          Save limits
        </button>
        {message && (
          <span role={message.error ? "alert" : "status"} className={message.error ? "down" : "up"}>
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
