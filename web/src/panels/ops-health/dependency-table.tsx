import type { DependencyCheck } from "@pregao/contracts";
import { BREAKER_NAMES } from "../../lib/feed-labels.ts";
import { useT } from "../../i18n/use-t.ts";
import { formatDuration } from "../../lib/format.ts";
import { RunbookLink, StatusPill } from "./runbook-link.tsx";

/** Ages are measured on the server's clock (the snapshot's `at`), so the browser's clock skew does not matter. */
const age = (at: number, then: number) => formatDuration(Math.max(0, at - then));

function BreakerCell({ check, at }: { check: DependencyCheck; at: number }) {
  const t = useT();
  const b = check.breaker;
  if (!b) return <span className="ops-muted">—</span>;
  return (
    <>
      <span className={b.state === "closed" ? "" : "ops-bad"}>{BREAKER_NAMES[b.state]}</span>{" "}
      <span className="ops-muted">{t("ops.forAge", { age: age(at, b.since) })}</span>
      {/* A closed breaker has recovered: its last error is history (muted, with its age), not a present fault. */}
      {b.lastError &&
        (b.state === "closed" && check.status === "pass" ? (
          <div className="ops-muted ops-wrap">
            {t("ops.recoveredFrom", { error: b.lastError, age: age(at, b.since) })}
          </div>
        ) : (
          <div className="ops-error">{t("ops.lastError", { error: b.lastError })}</div>
        ))}
    </>
  );
}

/** One row per dependency the BFF checks (probes run in the background; this only shows their cached results). */
export function DependencyTable({ checks, at }: { checks: readonly DependencyCheck[]; at: number }) {
  const t = useT();
  return (
    <table className="ops-table" aria-label={t("ops.dependencies")}>
      <thead>
        <tr>
          <th scope="col">{t("ops.dependency")}</th>
          <th scope="col">{t("ops.statusCol")}</th>
          <th scope="col">{t("ops.output")}</th>
          <th scope="col" className="num">
            {t("ops.checked")}
          </th>
          <th scope="col" className="num">
            {t("ops.probe")}
          </th>
          <th scope="col">{t("ops.breaker")}</th>
          <th scope="col">{t("ops.critical")}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={c.name} data-status={c.status}>
            <th scope="row">{c.name}</th>
            <td>
              <StatusPill status={c.status} />
            </td>
            <td className="ops-output">
              {c.output ?? <span className="ops-muted">—</span>}
              {c.status !== "pass" && c.runbook && (
                <>
                  {" "}
                  <RunbookLink href={c.runbook} />
                </>
              )}
            </td>
            <td className="num">{t("ops.ago", { age: age(at, c.checkedAt) })}</td>
            <td className="num">{c.latencyMs === null ? "—" : formatDuration(c.latencyMs)}</td>
            <td>
              <BreakerCell check={c} at={at} />
            </td>
            <td>{c.critical ? t("common.yes") : t("common.no")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
