import type { BreakerView, DependencyCheck, DependencyName } from "@pregao/contracts";

/** What one probe found; the monitor adds name, time, breaker, criticality and runbook. */
export interface ProbeOutcome {
  status: DependencyCheck["status"];
  output: string | null;
}

/** One background dependency probe. */
export interface Probe {
  name: DependencyName;
  critical: boolean;
  /** Runbook page (without the base), e.g. `order-manager-down-or-slow`. */
  runbook: string;
  /** Runs one probe; must settle (the monitor aborts `signal` at the probe timeout). */
  run(signal: AbortSignal): Promise<ProbeOutcome>;
  /** The BFF's breaker in front of the dependency, read when the result is built. */
  breaker?: () => BreakerView;
}

/** Thrown (and reported as the check's output) when a probe outlives its timeout. */
export class ProbeTimeoutError extends Error {
  readonly code = "PROBE_TIMEOUT";
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = "ProbeTimeoutError";
  }
}

const reason = (err: unknown): string => {
  if (err instanceof Error) {
    const cause = (err as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? err.message;
  }
  return String(err);
};

/** GET `<baseUrl>/health`: pass on 2xx whose body does not say otherwise, fail on anything else. */
export function httpHealthProbe(
  name: DependencyName,
  baseUrl: string,
  opts: { runbook: string; breaker?: () => BreakerView; fetch?: typeof fetch },
): Probe {
  const url = new URL("/health", baseUrl).toString();
  const doFetch = opts.fetch ?? fetch;
  return {
    name,
    critical: false,
    runbook: opts.runbook,
    ...(opts.breaker ? { breaker: opts.breaker } : {}),
    async run(signal) {
      try {
        const res = await doFetch(url, { signal, headers: { accept: "application/json" } });
        const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
        if (!res.ok) return { status: "fail", output: `HTTP ${res.status}` };
        const said = typeof body?.status === "string" ? body.status : "healthy";
        return ["healthy", "pass", "ok", "up"].includes(said)
          ? { status: "pass", output: null }
          : { status: "warn", output: `reports ${said}` };
      } catch (err) {
        return { status: "fail", output: signal.aborted ? reason(signal.reason) : reason(err) };
      }
    },
  };
}

/** PING through `client` (Redis or a session store): pass on an answer, fail on an error or no answer. */
export function pingProbe(
  name: DependencyName,
  client: { ping(): Promise<unknown> },
  opts: { critical: boolean; runbook: string },
): Probe {
  return {
    name,
    critical: opts.critical,
    runbook: opts.runbook,
    async run(signal) {
      const aborted = new Promise<never>((_, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }),
      );
      try {
        await Promise.race([client.ping(), aborted]);
        return { status: "pass", output: null };
      } catch (err) {
        return { status: "fail", output: reason(err) };
      }
    },
  };
}

/** The order push stream's link (no I/O): live pass, connecting warn, down fail. */
export function linkProbe(
  name: DependencyName,
  link: () => "connecting" | "live" | "down",
  runbook: string,
): Probe {
  return {
    name,
    critical: false,
    runbook,
    run: () => {
      const state = link();
      const status = state === "live" ? "pass" : state === "connecting" ? "warn" : "fail";
      return Promise.resolve({ status, output: state === "live" ? null : `stream ${state}` });
    },
  };
}
