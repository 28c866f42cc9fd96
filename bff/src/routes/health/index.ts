import { monitorEventLoopDelay } from "node:perf_hooks";
import type { DependencyCheck, FeedStatus, HealthResponse } from "@pregao/contracts";
import { HealthMonitor } from "../../observability/health-monitor.ts";
import { routeApp } from "../route-app.ts";
import { healthDefs } from "./defs.ts";
import { readinessBody } from "./readiness.ts";

/** The cached dependency view `/health/ready` reads (observability/health-monitor.ts). */
export type HealthView = Pick<HealthMonitor, "checks" | "readiness">;

export interface HealthDeps {
  feedStatus(): FeedStatus;
  readyMaxFeedAgeMs: number;
  /** Background-probed dependencies; absent → the feed alone (unit tests). */
  health?: HealthView;
}

const headers = { "Content-Type": "application/health+json", "Cache-Control": "no-store" };

/** Event-loop delay p99 (ms) over a rolling histogram, reset at each read (liveness shows "is the loop stuck"). */
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();

/**
 * `GET /health/live` (the process answers; event-loop lag as the observed value) and `GET /health/ready` (can
 * serve traders: 503 when a critical dependency fails). Ready reads cached checks only — no dependency I/O.
 */
export const healthRoute = (deps: HealthDeps) => {
  const health: HealthView =
    deps.health ??
    new HealthMonitor({
      feedStatus: deps.feedStatus,
      maxFeedAgeMs: deps.readyMaxFeedAgeMs,
      probes: [],
      probeMs: 60_000,
      timeoutMs: 1000,
      runbookBase: "/runbooks",
    });
  return routeApp()
    .openapi(healthDefs.live, (c) => {
      const lagMs = Math.round((loopDelay.percentile(99) / 1e6) * 100) / 100;
      loopDelay.reset();
      const body: HealthResponse = {
        status: "pass",
        checks: {
          "eventloop:lag": [
            {
              status: "pass",
              componentType: "system",
              observedValue: lagMs,
              observedUnit: "ms",
              time: new Date().toISOString(),
            },
          ],
        },
      };
      return c.json(body, 200, headers);
    })
    .openapi(healthDefs.ready, (c) => {
      const checks: DependencyCheck[] = health.checks();
      const body = readinessBody(checks, health.readiness(checks), deps.feedStatus());
      return c.json(body, body.status === "fail" ? 503 : 200, headers);
    });
};
