import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { RiskLimits } from "@pregao/contracts";
import { orderErrorText } from "../../lib/trading.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { updateRiskLimits } from "./api.ts";
import { OrderLimitsFields, useOrderLimitsDraft } from "./order-limits-fields.tsx";
import { PositionLimitsEditor } from "./position-limits-editor.tsx";
import { isHhmm, rowsFromLimits, validateRows, zoneLabel } from "./position-limits.ts";

/** A 24-hour time (the browser's `type="time"` shows AM/PM in an English locale), labelled with the exchange zone. */
function TimeField(props: { id: string; label: string; zone: string; value: string; set(v: string): void }) {
  return (
    <label className="field" htmlFor={props.id}>
      {props.label} ({props.zone})
      <input
        id={props.id}
        className="input num risk-time"
        inputMode="numeric"
        placeholder="HH:MM"
        title="24-hour time, HH:MM"
        maxLength={5}
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.set(e.target.value)}
      />
    </label>
  );
}

/** Edit limits (PUT). Only changed fields are sent. */
export function LimitsForm({ limits }: { limits: RiskLimits }) {
  const [loss, setLoss] = useState(String(limits.dailyLossLimit));
  const [rows, setRows] = useState(() => rowsFromLimits(limits.maxPositionSize));
  const [start, setStart] = useState(limits.tradingHours.start);
  const [end, setEnd] = useState(limits.tradingHours.end);
  const [alwaysOpen, setAlwaysOpen] = useState(limits.tradingHours.alwaysOpen);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const zone = zoneLabel(limits.tradingHours.timezone);
  const orderLimits = useOrderLimitsDraft(limits);
  const queryClient = useQueryClient();
  const save = async () => {
    const positions = validateRows(rows);
    if (!positions.ok) return setMessage({ text: positions.errors.join("\n"), error: true });
    // PUT merges per asset: a row removed here is sent as null, which removes that asset's limit.
    const maxPositionSize: Record<string, number | null> = { ...positions.value };
    for (const asset of Object.keys(limits.maxPositionSize))
      if (!(asset in maxPositionSize)) maxPositionSize[asset] = null;
    for (const [label, v] of [
      ["Trading from", start],
      ["Trading until", end],
    ] as const)
      if (!isHhmm(v)) return setMessage({ text: `${label}: a 24-hour time HH:MM, e.g. 10:00`, error: true });
    if (start >= end) return setMessage({ text: "Trading from must be before trading until", error: true });
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
      <TimeField id="risk-start" label="Trading from" zone={zone} value={start} set={setStart} />
      <TimeField id="risk-end" label="Trading until" zone={zone} value={end} set={setEnd} />
      <label className="risk-check">
        <input type="checkbox" checked={alwaysOpen} onChange={(e) => setAlwaysOpen(e.target.checked)} />
        Always open (demo)
      </label>
      <PositionLimitsEditor rows={rows} onChange={setRows} defaultMax={limits.defaultMaxPosition} />
      <OrderLimitsFields draft={orderLimits} />
      <div className="risk-save">
        <button type="submit" className="btn btn-primary">
          Save limits
        </button>
        {message && (
          <span
            role={message.error ? "alert" : "status"}
            className={message.error ? "down risk-message" : "up risk-message"}
          >
            {message.text}
          </span>
        )}
      </div>
    </form>
  );
}
