import { useT } from "../i18n/use-t.ts";
import { useAgeText, type DataFreshness } from "../stream/data-age.ts";
import "./stale-age.css";

interface StaleAgeProps {
  freshness: DataFreshness;
  testId?: string;
  /** Inline text (inside a sentence) instead of the badge. */
  plain?: boolean;
}

/**
 * The age of data that is not live — "12 s ago" in the watchlist's warning style, or "no data" when nothing arrived.
 * Mount it only while stale: it ticks once a second.
 */
export function StaleAge({ freshness, testId, plain }: StaleAgeProps) {
  const t = useT();
  if (freshness.receivedAt === null)
    return plain ? null : (
      <span className="stale-age" data-testid={testId}>
        {t("staleAge.noData")}
      </span>
    );
  return <Age receivedAt={freshness.receivedAt} skewMs={freshness.skewMs} testId={testId} plain={plain} />;
}

function Age(props: { receivedAt: number; skewMs: number; testId?: string; plain?: boolean }) {
  const t = useT();
  const text = useAgeText(props.receivedAt, props.skewMs);
  if (props.plain) return <>{text}</>;
  return (
    <span className="stale-age" data-testid={props.testId} title={t("staleAge.tooltip")}>
      {text}
    </span>
  );
}
