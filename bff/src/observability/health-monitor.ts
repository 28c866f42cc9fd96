import type { DependencyCheck, FeedStatus } from "@pregao/contracts";
import { feedCheck, readinessOf, runbookUrl, worse } from "./health-checks.ts";
import { ProbeTimeoutError, type Probe } from "./health-probes.ts";
import type { BffMetrics } from "./metrics.ts";

export interface HealthMonitorOptions {
  feedStatus(): FeedStatus;
  maxFeedAgeMs: number;
  probes: readonly Probe[];
  probeMs: number;
  timeoutMs: number;
  runbookBase: string;
  metrics?: Pick<BffMetrics, "dependencyCheckDuration" | "dependencyUp" | "ready">;
  now?: () => number;
}

const upValue = { pass: 1, warn: 0.5, fail: 0 } as const;
/** The readiness reason while this instance drains (SIGTERM). */
export const DRAINING_REASON = "draining: this instance is shutting down";

/**
 * Dependency health, probed in the background every `probeMs` (single-flight, each probe bounded by `timeoutMs`)
 * and cached, so any number of `/health/ready` requests and ops pushes cause no dependency traffic. The feed check
 * is computed live from the feed status (no I/O).
 */
export class HealthMonitor {
  private readonly results = new Map<string, DependencyCheck>();
  private timer: NodeJS.Timeout | undefined;
  private inflight: Promise<void> | null = null;
  private readonly now: () => number;
  private draining = false;

  constructor(private readonly options: HealthMonitorOptions) {
    this.now = options.now ?? Date.now;
    const at = this.now();
    for (const p of options.probes)
      this.results.set(p.name, this.toCheck(p, { status: "warn", output: "not probed yet" }, at, null));
  }

  /** Probes now, then every `probeMs`. */
  start(): void {
    if (this.timer) return;
    void this.probe();
    this.timer = setInterval(() => void this.probe(), this.options.probeMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of every probe; concurrent callers share the round in flight. */
  probe(): Promise<void> {
    return (this.inflight ??= this.round().finally(() => (this.inflight = null)));
  }

  /** Every check: the live feed check first, then the cached probe results. */
  checks(): DependencyCheck[] {
    const o = this.options;
    const feed = feedCheck(o.feedStatus(), o.maxFeedAgeMs, o.runbookBase, this.now());
    return [feed, ...[...this.results.values()].map((c) => this.withBreaker(c))];
  }

  /** SIGTERM: readiness fails from now on, whatever the dependencies say, so the gateway and probes move away. */
  setDraining(): void {
    this.draining = true;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** Readiness and its reasons from `checks` (default: the current ones); updates the ready/up gauges. */
  readiness(checks = this.checks()): { status: DependencyCheck["status"]; reasons: string[] } {
    const deps = readinessOf(checks);
    const r = this.draining ? { status: "fail" as const, reasons: [DRAINING_REASON, ...deps.reasons] } : deps;
    const m = this.options.metrics;
    if (m) {
      for (const c of checks) m.dependencyUp.labels(c.name).set(upValue[c.status]);
      m.ready.set(r.status === "fail" ? 0 : 1);
    }
    return r;
  }

  private async round(): Promise<void> {
    await Promise.all(this.options.probes.map((p) => this.runOne(p)));
  }

  private async runOne(probe: Probe): Promise<void> {
    const { timeoutMs, metrics } = this.options;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ProbeTimeoutError(timeoutMs)), timeoutMs);
    const started = performance.now();
    const outcome = await probe.run(controller.signal).catch((err: unknown) => ({
      status: "fail" as const,
      output: err instanceof Error ? err.message : String(err),
    }));
    clearTimeout(timer);
    const ms = performance.now() - started;
    metrics?.dependencyCheckDuration.labels(probe.name).observe(ms / 1000);
    const latency = outcome.status === "fail" ? null : Math.round(ms * 100) / 100;
    this.results.set(probe.name, this.toCheck(probe, outcome, this.now(), latency));
  }

  private toCheck(
    probe: Probe,
    outcome: { status: DependencyCheck["status"]; output: string | null },
    at: number,
    latencyMs: number | null,
  ): DependencyCheck {
    return {
      name: probe.name,
      status: outcome.status,
      output: outcome.output,
      checkedAt: at,
      latencyMs,
      breaker: null,
      critical: probe.critical,
      runbook: outcome.status === "pass" ? null : runbookUrl(this.options.runbookBase, probe.runbook),
    };
  }

  /** Overlays the live breaker: a breaker that is not closed makes a passing check warn, naming its last error. */
  private withBreaker(check: DependencyCheck): DependencyCheck {
    const probe = this.options.probes.find((p) => p.name === check.name);
    const breaker = probe?.breaker?.() ?? null;
    if (!breaker) return check;
    if (breaker.state === "closed") return { ...check, breaker };
    const text = `breaker ${breaker.state}${breaker.lastError ? `: ${breaker.lastError}` : ""}`;
    return {
      ...check,
      breaker,
      status: worse(check.status, "warn"),
      output: check.output ? `${check.output}; ${text}` : text,
      runbook: runbookUrl(
        this.options.runbookBase,
        check.status === "pass" ? "breaker-open" : probe!.runbook,
      ),
    };
  }
}
