import type { DependencyCheck, FeedStatus, HealthResponse } from "@pregao/contracts";
import { profitDllCheck, profitDllTypes } from "../../observability/health-checks.ts";

type Check = NonNullable<HealthResponse["checks"]>[string][number];

const componentType: Record<DependencyCheck["name"], string> = {
  feed: "datastore",
  "order-manager": "component",
  risk: "component",
  "order-stream": "component",
  redis: "datastore",
  "session-store": "datastore",
  database: "datastore",
  "database-replica": "datastore",
  backup: "datastore",
};

/** One dependency check in health+json shape (observed value: data age for the feed, probe latency otherwise). */
function toHealthCheck(c: DependencyCheck, feed: FeedStatus, time: string): Check {
  const observed =
    c.name === "feed"
      ? {
          observedValue: feed.lastMessageAt === null ? null : Date.parse(time) - feed.lastMessageAt,
          observedUnit: "ms",
        }
      : c.latencyMs === null
        ? {}
        : { observedValue: c.latencyMs, observedUnit: "ms" };
  const words = [c.output, c.critical ? null : "non-critical", c.runbook ? `runbook: ${c.runbook}` : null];
  const output = words.filter(Boolean).join("; ");
  return {
    status: c.status,
    componentType: componentType[c.name],
    ...observed,
    ...(output ? { output } : {}),
    time: new Date(c.checkedAt).toISOString(),
  };
}

/**
 * `/health/ready` body (draft-inadarei-api-health-check): overall status and `output` from the readiness reasons,
 * one check per dependency plus the feed's breaker and each ProfitDLL connection state.
 */
export function readinessBody(
  checks: readonly DependencyCheck[],
  readiness: { status: DependencyCheck["status"]; reasons: string[] },
  feed: FeedStatus,
  now = Date.now(),
): HealthResponse & { output?: string } {
  const time = new Date(now).toISOString();
  const out: Record<string, Check[]> = {};
  const feedCheck = checks.find((c) => c.name === "feed");
  if (feedCheck) out.feed = [toHealthCheck(feedCheck, feed, time)];
  const b = feed.breaker;
  out["feed:breaker"] = [
    {
      status: b.state === "closed" ? "pass" : "warn",
      componentType: "component",
      observedValue: b.state,
      ...(b.lastError ? { output: b.lastError } : {}),
      time: new Date(b.since).toISOString(),
    },
  ];
  for (const type of profitDllTypes) {
    const v = profitDllCheck(type, feed.profitDll[type]);
    out[`profitdll:${type}`] = [
      {
        status: v.status,
        componentType: "component",
        observedValue: feed.profitDll[type],
        output: v.output,
        time,
      },
    ];
  }
  for (const c of checks) if (c.name !== "feed") out[c.name] = [toHealthCheck(c, feed, time)];
  const description =
    readiness.status === "pass"
      ? "pregao bff: ready"
      : readiness.status === "warn"
        ? "pregao bff: serving, degraded"
        : "pregao bff: cannot serve traders";
  return {
    status: readiness.status,
    description,
    checks: out,
    ...(readiness.reasons.length ? { output: readiness.reasons.join("; ") } : {}),
  };
}
