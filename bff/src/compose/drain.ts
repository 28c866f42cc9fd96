import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import type { InFlight } from "../lib/in-flight.ts";
import type { Fleet } from "../cluster/fleet.ts";
import type { HealthMonitor } from "../observability/health-monitor.ts";
import type { SocketDrain } from "../realtime/drain.ts";

export interface DrainReport {
  /** Sockets told to reconnect elsewhere, and those still here after the window (disconnected by the server). */
  told: number;
  forced: number;
  /** Whether every in-flight HTTP request was answered before the bound. */
  requestsSettled: boolean;
  elapsedMs: number;
}

/**
 * Drains this instance before it closes (SIGTERM), within DRAIN_TIMEOUT_MS:
 * 1. readiness fails at once (`/health/ready` 503 "draining"), and the fleet hears it now, not at the next push;
 * 2. new sockets are refused and connected ones told to reconnect, spread over DRAIN_SPREAD_MS (realtime/drain.ts);
 * 3. in-flight HTTP requests (an order being placed) are answered before the caller closes the listener.
 * HTTP requests that arrive meanwhile are still served: the gateway keeps sending some until the process is gone.
 */
export async function drainInstance(deps: {
  config: Config;
  logger: Logger;
  health: HealthMonitor;
  fleet: Fleet;
  sockets: SocketDrain;
  inFlight: InFlight;
  report?: (phase: string, detail: Record<string, unknown>) => void;
}): Promise<DrainReport> {
  const { config, logger } = deps;
  const started = Date.now();
  const deadline = started + config.DRAIN_TIMEOUT_MS;
  deps.health.setDraining();
  deps.fleet.publish();
  logger.info({ spreadMs: config.DRAIN_SPREAD_MS, timeoutMs: config.DRAIN_TIMEOUT_MS }, "draining");
  // The socket window may not use the whole bound: leave a quarter of it for in-flight requests.
  const graceMs = Math.max(
    0,
    Math.min(1_000, deadline - started - config.DRAIN_SPREAD_MS - config.DRAIN_TIMEOUT_MS / 4),
  );
  const sockets = await deps.sockets.drain({ spreadMs: config.DRAIN_SPREAD_MS, graceMs });
  deps.report?.("sockets", { ...sockets });
  const requestsSettled = await deps.inFlight.idle(Math.max(0, deadline - Date.now()));
  const report = { ...sockets, requestsSettled, elapsedMs: Date.now() - started };
  logger.info(
    report,
    requestsSettled ? "drained" : "drain bound reached with requests in flight; closing anyway",
  );
  return report;
}
