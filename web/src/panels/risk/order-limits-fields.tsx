import { useState } from "react";
import type { RiskLimits, UpdateRiskLimits } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { formatOrderLimits, parseOrderLimits } from "./order-limits-text.ts";

type OrderLimitsUpdate = Pick<UpdateRiskLimits, "orderLimitDefaults" | "orderLimits">;

/** Form state of the order-entry limits (fat finger, price collar): the defaults and the per-asset overrides. */
export function useOrderLimitsDraft(limits: RiskLimits) {
  const d = limits.orderLimitDefaults;
  const [notional, setNotional] = useState(String(d.maxOrderNotional));
  const [collar, setCollar] = useState(String(d.collarPct));
  const [hard, setHard] = useState(String(d.hardCollarPct));
  const [perAsset, setPerAsset] = useState(formatOrderLimits(limits.orderLimits));
  return {
    notional,
    setNotional,
    collar,
    setCollar,
    hard,
    setHard,
    perAsset,
    setPerAsset,
    /** The PUT fields; null when the per-asset lines are malformed. */
    patch: (): OrderLimitsUpdate | null => {
      const orderLimits = parseOrderLimits(perAsset, limits.orderLimits);
      if (!orderLimits) return null;
      return {
        orderLimitDefaults: {
          maxOrderNotional: Number(notional),
          collarPct: Number(collar),
          hardCollarPct: Number(hard),
        },
        orderLimits,
      };
    },
  };
}

/** The order-limit inputs of the risk limits form; the server checks the ranges and that collar < hard collar. */
export function OrderLimitsFields({ draft }: { draft: ReturnType<typeof useOrderLimitsDraft> }) {
  const t = useT();
  const number = (id: string, label: string, value: string, set: (v: string) => void, step: string) => (
    <label className="field" htmlFor={id}>
      {label}
      <input
        id={id}
        className="input num"
        type="number"
        min={0}
        step={step}
        value={value}
        onChange={(e) => set(e.target.value)}
      />
    </label>
  );
  return (
    <>
      {number("risk-notional", t("risk.maxOrderValue"), draft.notional, draft.setNotional, "1000")}
      {number("risk-collar", t("risk.collarPct"), draft.collar, draft.setCollar, "0.1")}
      {number("risk-hard-collar", t("risk.hardCollarPct"), draft.hard, draft.setHard, "0.1")}
      <label className="field risk-maxpos" htmlFor="risk-order-limits">
        {t("risk.orderLimitsPerAsset")}
        <textarea
          id="risk-order-limits"
          className="input"
          rows={2}
          value={draft.perAsset}
          onChange={(e) => draft.setPerAsset(e.target.value)}
        />
      </label>
    </>
  );
}
