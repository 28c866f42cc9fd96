import "./sparkline.css";

export interface SparklineProps {
  /** What the line shows, e.g. "Feed msgs/s"; the start of the accessible name. */
  label: string;
  /** Oldest first; null is a gap (no observation in that interval). */
  values: readonly (number | null)[];
  /** How min/max/last read in the accessible name and the caption. */
  format: (value: number) => string;
  width?: number;
  height?: number;
}

/** min, max and last of the non-null values; null when there are none. */
export function summarize(
  values: readonly (number | null)[],
): { min: number; max: number; last: number } | null {
  const seen = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (seen.length === 0) return null;
  return { min: Math.min(...seen), max: Math.max(...seen), last: seen.at(-1)! };
}

/** SVG path of the series scaled into the box, one subpath per run of non-null values. */
export function sparkPath(values: readonly (number | null)[], width: number, height: number): string {
  const s = summarize(values);
  if (!s) return "";
  const span = s.max - s.min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => (height - 1 - ((v - s.min) / span) * (height - 2)).toFixed(1);
  let d = "";
  let pen = false;
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      pen = false;
      return;
    }
    d += `${pen ? "L" : "M"}${(i * step).toFixed(1)} ${y(v)}`;
    pen = true;
  });
  return d;
}

/**
 * A tiny inline trend line (no chart library): a labelled image whose accessible name carries min, max and last, so
 * the numbers are there for screen readers and tests, and the caption shows the last value.
 */
export function Sparkline({ label, values, format, width = 120, height = 28 }: SparklineProps) {
  const s = summarize(values);
  const name = s
    ? `${label}: min ${format(s.min)}, max ${format(s.max)}, last ${format(s.last)}`
    : `${label}: no data yet`;
  return (
    <figure className="sparkline">
      <svg
        role="img"
        aria-label={name}
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        preserveAspectRatio="none"
      >
        <path d={sparkPath(values, width, height)} />
      </svg>
      <figcaption aria-hidden="true">
        <span className="sparkline-label">{label}</span>
        <span className="sparkline-last">{s ? format(s.last) : "—"}</span>
      </figcaption>
    </figure>
  );
}
