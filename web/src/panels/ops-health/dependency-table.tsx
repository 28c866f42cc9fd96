import type { DependencyCheck } from "@pregao/contracts";
import { BREAKER_NAMES } from "../../lib/feed-labels.ts";
import { formatDuration } from "../../lib/format.ts";
import { RunbookLink, StatusPill } from "./runbook-link.tsx";

/** Ages are measured on the server's clock (the snapshot's `at`), so the browser's clock skew does not matter. */
const age = (at: number, then: number) => formatDuration(Math.max(0, at - then));

function BreakerCell({ check, at }: { check: DependencyCheck; at: number }) {
  const b = check.breaker;
  if (!b) return <span className="ops-muted">—</span>;
  return (
    <>
      <span className={b.state === "closed" ? "" : "ops-bad"}>{BREAKER_NAMES[b.state]}</span>{" "}
      <span className="ops-muted">for {age(at, b.since)}</span>
      {/* A closed breaker has recovered: its last error is history (muted, with its age), not a present fault. */}
      {b.lastError &&
        (b.state === "closed" && check.status === "pass" ? (
          <div className="ops-muted ops-wrap">
            Recovered from: {b.lastError} ({age(at, b.since)} ago)
          </div>
        ) : (
          <div className="ops-error">Last error: {b.lastError}</div>
        ))}
    </>
  );
}

/** One row per dependency the BFF checks (probes run in the background; this only shows their cached results). */
export function DependencyTable({ checks, at }: { checks: readonly DependencyCheck[]; at: number }) {
  return (
    <table className="ops-table" aria-label="Dependencies">
      <thead>
        <tr>
          <th scope="col">Dependency</th>
          <th scope="col">Status</th>
          <th scope="col">Output</th>
          <th scope="col" className="num">
            Checked
          </th>
          <th scope="col" className="num">
            Probe
          </th>
          <th scope="col">Breaker</th>
          <th scope="col">Critical</th>
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
            <td className="num">{age(at, c.checkedAt)} ago</td>
            <td className="num">{c.latencyMs === null ? "—" : formatDuration(c.latencyMs)}</td>
            <td>
              <BreakerCell check={c} at={at} />
            </td>
            <td>{c.critical ? "Yes" : "No"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
