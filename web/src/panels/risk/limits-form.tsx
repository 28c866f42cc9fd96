import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { RiskLimits } from "@pregao/contracts";
import { orderErrorText } from "../../lib/trading.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useT } from "../../i18n/use-t.ts";
import { t as tNow } from "../../i18n/i18n.ts";
import { updateRiskLimits } from "./api.ts";
import { OrderLimitsFields, useOrderLimitsDraft } from "./order-limits-fields.tsx";
import { PositionLimitsEditor } from "./position-limits-editor.tsx";
import { isHhmm, rowsFromLimits, validateRows, zoneLabel } from "./position-limits.ts";

/** A 24-hour time (the browser's `type="time"` shows AM/PM in an English locale), labelled with the exchange zone. */
function TimeField(props: { id: string; label: string; zone: string; value: string; set(v: string): void }) {
  const t = useT();
  return (
    <label className="field" htmlFor={props.id}>
      {props.label} ({props.zone})
      <input
        id={props.id}
        className="input num risk-time"
        inputMode="numeric"
        placeholder={t("risk.hhmmPlaceholder")}
        title={t("risk.hhmmTitle")}
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
  const t = useT();
  // A thunk, so a message on screen follows a language switch.
  const [message, setMessage] = useState<{ text: () => string; error: boolean } | null>(null);
  const zone = zoneLabel(limits.tradingHours.timezone);
  const orderLimits = useOrderLimitsDraft(limits);
  const queryClient = useQueryClient();
  const save = async () => {
    const positions = validateRows(rows);
    if (!positions.ok) {
      const { errors } = positions;
      return setMessage({ text: () => errors.map((e) => e()).join("\n"), error: true });
    }
    // PUT merges per asset: a row removed here is sent as null, which removes that asset's limit.
    const maxPositionSize: Record<string, number | null> = { ...positions.value };
    for (const asset of Object.keys(limits.maxPositionSize))
      if (!(asset in maxPositionSize)) maxPositionSize[asset] = null;
    for (const [label, v] of [
      ["risk.tradingFrom", start],
      ["risk.tradingUntil", end],
    ] as const)
      if (!isHhmm(v))
        return setMessage({ text: () => tNow("risk.badTime", { label: tNow(label) }), error: true });
    if (start >= end) return setMessage({ text: () => tNow("risk.fromBeforeUntil"), error: true });
    const orderPatch = orderLimits.patch();
    if (!orderPatch)
      return setMessage({
        text: () => tNow("risk.badOrderLimits"),
        error: true,
      });
    try {
      await updateRiskLimits({
        dailyLossLimit: Number(loss),
        maxPositionSize,
        tradingHours: { start, end, alwaysOpen },
        ...orderPatch,
      });
      setMessage({ text: () => tNow("risk.saved"), error: false });
      void queryClient.invalidateQueries({ queryKey: queryKeys.risk.limits });
    } catch (err) {
      setMessage({ text: () => orderErrorText(err), error: true });
    }
  };
  return (
    <form
      className="risk-form"
      aria-label={t("risk.form")}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label className="field" htmlFor="risk-loss">
        {t("risk.dailyLossLimit")}
        <input
          id="risk-loss"
          className="input num"
          type="number"
          min={100}
          value={loss}
          onChange={(e) => setLoss(e.target.value)}
        />
      </label>
      <TimeField id="risk-start" label={t("risk.tradingFrom")} zone={zone} value={start} set={setStart} />
      <TimeField id="risk-end" label={t("risk.tradingUntil")} zone={zone} value={end} set={setEnd} />
      <label className="risk-check">
        <input type="checkbox" checked={alwaysOpen} onChange={(e) => setAlwaysOpen(e.target.checked)} />
        {t("risk.alwaysOpenDemo")}
      </label>
      <PositionLimitsEditor rows={rows} onChange={setRows} defaultMax={limits.defaultMaxPosition} />
      <OrderLimitsFields draft={orderLimits} />
      <div className="risk-save">
        <button type="submit" className="btn btn-primary">
          {t("risk.save")}
        </button>
        {message && (
          <span
            role={message.error ? "alert" : "status"}
            className={message.error ? "down risk-message" : "up risk-message"}
          >
            {message.text()}
          </span>
        )}
      </div>
    </form>
  );
}
