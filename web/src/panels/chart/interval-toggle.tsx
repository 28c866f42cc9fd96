import { candleIntervalSchema, type CandleInterval } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";

const LABELS: Record<CandleInterval, string> = {
  "1m": "1m",
  "5m": "5m",
  "15m": "15m",
  "60m": "60m",
  "1D": "1D",
};

/** The bar interval: a labelled group of toggle buttons (the pressed one is the chart's interval). */
export function IntervalToggle(props: { value: CandleInterval; onChange(interval: CandleInterval): void }) {
  const t = useT();
  return (
    <div className="chart-intervals" role="group" aria-label={t("chart.interval")}>
      {candleIntervalSchema.options.map((i) => (
        <button
          key={i}
          type="button"
          className="chart-interval"
          aria-pressed={props.value === i}
          title={t(`chart.intervals.${i}`)}
          onClick={() => props.onChange(i)}
        >
          {LABELS[i]}
        </button>
      ))}
    </div>
  );
}
