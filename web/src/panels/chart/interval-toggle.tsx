import { candleIntervalSchema, type CandleInterval } from "@pregao/contracts";

const LABELS: Record<CandleInterval, string> = {
  "1m": "1m",
  "5m": "5m",
  "15m": "15m",
  "60m": "60m",
  "1D": "1D",
};
const NAMES: Record<CandleInterval, string> = {
  "1m": "1 minute",
  "5m": "5 minutes",
  "15m": "15 minutes",
  "60m": "60 minutes",
  "1D": "1 day",
};

/** The bar interval: a labelled group of toggle buttons (the pressed one is the chart's interval). */
export function IntervalToggle(props: { value: CandleInterval; onChange(interval: CandleInterval): void }) {
  return (
    <div className="chart-intervals" role="group" aria-label="Interval">
      {candleIntervalSchema.options.map((i) => (
        <button
          key={i}
          type="button"
          className="chart-interval"
          aria-pressed={props.value === i}
          title={NAMES[i]}
          onClick={() => props.onChange(i)}
        >
          {LABELS[i]}
        </button>
      ))}
    </div>
  );
}
