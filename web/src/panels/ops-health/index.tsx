import { useEffect } from "react";
import { useT } from "../../i18n/use-t.ts";
import { retainOps } from "../../stream/ops-stream.ts";
import { useOpsStore, type OpsError } from "../../stream/ops-store.ts";
import { errorText } from "../../i18n/error-text.ts";
import { DependencyTable } from "./dependency-table.tsx";
import { FeedSection } from "./feed-section.tsx";
import { FleetTable } from "./fleet-table.tsx";
import { ReadinessSummary } from "./readiness-summary.tsx";
import { RunbookLink } from "./runbook-link.tsx";
import { TrafficSection } from "./traffic-section.tsx";
import { Trends } from "./trends.tsx";
import "./ops-health.css";

/**
 * Operations' one view of the BFF: readiness, every dependency check, the feed, clients, latencies and 15-minute
 * trends. Live over the socket (`ops:subscribe` while mounted, `ops:updated` every second) — no polling.
 */
/** The refusal for operators: its code, then its words in the user's language. */
function opsErrorText(e: OpsError, t: ReturnType<typeof useT>): string {
  if (e.code === "BAD_SNAPSHOT") return t("ops.badSnapshot");
  if (e.code === "NO_ANSWER") return t("ops.noAnswer");
  return `${e.code}: ${errorText(e)}`;
}

export default function OpsHealthPanel() {
  const t = useT();
  useEffect(() => retainOps(), []);
  const snapshot = useOpsStore((s) => s.snapshot);
  const history = useOpsStore((s) => s.history);
  const failure = useOpsStore((s) => s.error);
  const error = failure && opsErrorText(failure, t);
  if (!snapshot)
    return error ? (
      <p className="panel-alert" role="alert">
        {t("ops.unavailable", { error })}
      </p>
    ) : (
      <p className="panel-note" role="status">
        {t("ops.waiting")}
      </p>
    );
  return (
    <div className="ops">
      {error && (
        <p className="panel-alert" role="alert">
          {t("ops.interrupted", { error })}
        </p>
      )}
      <div className="ops-top">
        <ReadinessSummary snapshot={snapshot} />
        <RunbookLink href={snapshot.panelRunbook} label={t("ops.howToRead")} />
      </div>
      <DependencyTable checks={snapshot.checks} at={snapshot.at} />
      <FleetTable fleet={snapshot.fleet} at={snapshot.at} />
      <div className="ops-cols">
        <FeedSection snapshot={snapshot} />
        <TrafficSection snapshot={snapshot} />
      </div>
      <Trends history={history} />
    </div>
  );
}
