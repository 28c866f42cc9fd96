import type { DatabaseStatus } from "../db/monitor.ts";
import type { Probe, ProbeOutcome } from "./health-probes.ts";

/** Where the database gauges go (`pregao_db_up{role}`, `pregao_db_replica_lag_seconds`). */
export interface DatabaseGauges {
  up(role: "primary" | "replica", value: number): void;
  replicaLagSeconds(value: number): void;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * `database`: the primary as the database handle's own background probe last saw it (db/monitor.ts; no I/O here).
 * Never critical: traders are served without it (sessions in Redis, prices and orders elsewhere); a primary that is
 * down or read-only fails this check, which degrades readiness to warn and refuses workspace saves with 503
 * DATA_STORE_READ_ONLY.
 */
export function databaseProbe(status: () => DatabaseStatus, gauges?: DatabaseGauges): Probe {
  return {
    name: "database",
    critical: false,
    runbook: "database-down",
    run: () => Promise.resolve(primaryOutcome(status(), gauges)),
  };
}

function primaryOutcome(s: DatabaseStatus, gauges?: DatabaseGauges): ProbeOutcome {
  const p = s.primary;
  gauges?.up("primary", p.up === true && p.writable === true ? 1 : 0);
  if (s.backend === "pglite") return { status: "pass", output: "embedded PGlite (this process)" };
  if (p.up === null) return { status: "warn", output: "not probed yet" };
  const reads = s.replica?.serving ? "reads from the replica" : "reads fail too";
  if (!p.up)
    return {
      status: "fail",
      output: `primary unreachable (${p.error ?? "no answer"}): saves refused, ${reads}`,
    };
  if (p.writable === false)
    return { status: "fail", output: `primary is read-only (in recovery): saves refused, ${reads}` };
  return { status: "pass", output: null };
}

/**
 * `database-replica` (only with DATABASE_READ_URL): pass while it serves reads within DATABASE_REPLICA_MAX_LAG_MS
 * (output: the lag); warn while it lags past that (reads on the primary); fail when it is down or not a standby.
 * Never critical, and never worse than a warning for readiness: reads fall back to the primary.
 */
export function replicaProbe(status: () => DatabaseStatus, gauges?: DatabaseGauges): Probe {
  return {
    name: "database-replica",
    critical: false,
    runbook: "replica-lagging",
    run: () => Promise.resolve(replicaOutcome(status(), gauges)),
  };
}

function replicaOutcome(s: DatabaseStatus, gauges?: DatabaseGauges): ProbeOutcome {
  const r = s.replica;
  if (!r) return { status: "pass", output: "no replica configured" };
  gauges?.up("replica", r.up === true ? 1 : 0);
  gauges?.replicaLagSeconds(r.lagMs === null ? -1 : r.lagMs / 1000);
  if (r.up === null) return { status: "warn", output: "not probed yet" };
  if (!r.up)
    return {
      status: "fail",
      output: `replica unreachable (${r.error ?? "no answer"}): reads on the primary`,
    };
  if (r.error) return { status: "fail", output: r.error };
  if (r.lagMs === null)
    return {
      status: r.serving ? "warn" : "fail",
      output: r.serving
        ? "replication lag unknown (primary down): serving possibly stale reads"
        : "lag unknown",
    };
  const lag = `replication lag ${secs(r.lagMs)}`;
  if (!r.serving)
    return {
      status: "warn",
      output:
        r.lagMs > r.maxLagMs
          ? `${lag} > ${secs(r.maxLagMs)}: reads on the primary`
          : `${lag}, replaying a recent schema change: reads on the primary until it has`,
    };
  return { status: "pass", output: lag };
}

/** The probes for the database handle: always the primary, the replica when one is configured. */
export function databaseProbes(status: () => DatabaseStatus, gauges?: DatabaseGauges): Probe[] {
  const probes = [databaseProbe(status, gauges)];
  if (status().replica) probes.push(replicaProbe(status, gauges));
  return probes;
}
