import type { DependencyCheck } from "@pregao/contracts";
import { describe, expect, it } from "vitest";
import type { DatabaseStatus } from "../db/monitor.ts";
import { databaseProbes } from "./database-probes.ts";
import { readinessOf } from "./health-checks.ts";
import { BffMetrics } from "./metrics.ts";

const healthy = (): DatabaseStatus => ({
  backend: "postgres",
  primary: { up: true, writable: true, error: null, checkedAt: 1 },
  replica: { up: true, lagMs: 120, maxLagMs: 5000, serving: true, error: null, checkedAt: 1 },
});

async function checksFor(status: DatabaseStatus, metrics = new BffMetrics({ defaultMetrics: false })) {
  const probes = databaseProbes(() => status, {
    up: (role, v) => metrics.dbUp.labels(role).set(v),
    replicaLagSeconds: (v) => metrics.dbReplicaLag.set(v),
  });
  const outcomes = await Promise.all(
    probes.map(async (p) => ({
      name: p.name,
      critical: p.critical,
      ...(await p.run(new AbortController().signal)),
    })),
  );
  return { outcomes, metrics, by: (name: string) => outcomes.find((o) => o.name === name) };
}

/** Probe outcomes as the health monitor would cache them (what readiness is computed from). */
const asChecks = (
  outcomes: Array<{
    name: string;
    critical: boolean;
    status: DependencyCheck["status"];
    output: string | null;
  }>,
) =>
  outcomes.map((o): DependencyCheck => ({
    name: o.name as DependencyCheck["name"],
    status: o.status,
    output: o.output,
    critical: o.critical,
    checkedAt: 0,
    latencyMs: 0,
    breaker: null,
    runbook: null,
  }));

describe("database probes", () => {
  it("healthy primary and replica: both pass, the replica's output is the lag; gauges say so", async () => {
    const { by, metrics } = await checksFor(healthy());
    expect(by("database")).toMatchObject({ status: "pass", critical: false });
    expect(by("database-replica")).toMatchObject({
      status: "pass",
      output: "replication lag 0.1 s",
      critical: false,
    });
    const text = await metrics.registry.metrics();
    expect(text).toContain('pregao_db_up{role="primary"} 1');
    expect(text).toContain('pregao_db_up{role="replica"} 1');
    expect(text).toContain("pregao_db_replica_lag_seconds 0.12");
  });

  it("replica lagging past the bound: warn naming both numbers and where reads go", async () => {
    const s = healthy();
    s.replica = { ...s.replica!, lagMs: 7200, serving: false };
    const { by } = await checksFor(s);
    expect(by("database-replica")).toMatchObject({
      status: "warn",
      output: "replication lag 7.2 s > 5.0 s: reads on the primary",
    });
  });

  it("replica down: fails the replica check, yet readiness only warns", async () => {
    const s = healthy();
    s.replica = { ...s.replica!, up: false, lagMs: null, serving: false, error: "connect ECONNREFUSED" };
    const { by, metrics } = await checksFor(s);
    expect(by("database-replica")).toMatchObject({
      status: "fail",
      output: expect.stringMatching(/ECONNREFUSED.*primary/),
    });
    expect(await metrics.registry.metrics()).toContain("pregao_db_replica_lag_seconds -1");
  });

  it("primary down: `database` fails (saves refused, reads from the replica) and readiness is degraded, not failed", async () => {
    const s = healthy();
    s.primary = { up: false, writable: null, error: "connect ECONNREFUSED", checkedAt: 2 };
    s.replica = { ...s.replica!, lagMs: null, serving: true };
    const { by, outcomes } = await checksFor(s);
    expect(by("database")).toMatchObject({
      status: "fail",
      output: "primary unreachable (connect ECONNREFUSED): saves refused, reads from the replica",
    });
    expect(by("database-replica")).toMatchObject({ status: "warn" });
    expect(readinessOf(asChecks(outcomes)).status).toBe("warn");
  });

  it("a primary in recovery is read-only: fail", async () => {
    const s = healthy();
    s.primary = { up: true, writable: false, error: null, checkedAt: 2 };
    const { by } = await checksFor(s);
    expect(by("database")).toMatchObject({ status: "fail", output: expect.stringMatching(/read-only/) });
  });

  it("link the database-down and replica-lagging runbooks", () => {
    expect(databaseProbes(healthy).map((p) => [p.name, p.runbook])).toEqual([
      ["database", "database-down"],
      ["database-replica", "replica-lagging"],
    ]);
  });

  it("PGlite: one passing check, no replica check", async () => {
    const { outcomes } = await checksFor({
      backend: "pglite",
      primary: { up: true, writable: true, error: null, checkedAt: null },
      replica: null,
    });
    expect(outcomes).toEqual([
      { name: "database", critical: false, status: "pass", output: "embedded PGlite (this process)" },
    ]);
  });
});
