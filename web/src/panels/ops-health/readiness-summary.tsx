import type { OpsSnapshot } from "@pregao/contracts";
import { useT } from "../../i18n/use-t.ts";
import { RunbookLink, StatusPill } from "./runbook-link.tsx";

/** Readiness as `/health/ready` reports it, its reasons, and the runbook of the worst problem. */
export function ReadinessSummary({ snapshot }: { snapshot: OpsSnapshot }) {
  const t = useT();
  const { status, reasons } = snapshot.readiness;
  const worst =
    snapshot.checks.find((c) => c.status === "fail" && c.runbook) ??
    snapshot.checks.find((c) => c.status === "warn" && c.runbook);
  return (
    <section className="ops-readiness" aria-label={t("ops.readiness")} data-status={status}>
      <span className="ops-h">{t("ops.readiness")}</span>
      <StatusPill status={status} />
      {reasons.length > 0 ? (
        <ul className="ops-reasons">
          {reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <span className="ops-muted">{t("ops.allPass")}</span>
      )}
      {status !== "pass" && worst?.runbook && <RunbookLink href={worst.runbook} />}
    </section>
  );
}
