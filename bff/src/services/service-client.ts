import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from "cockatiel";
import { serviceOk, type BreakerState, type ServiceAudience } from "@pregao/contracts";
import type { z } from "zod";
import type { Logger } from "../lib/logger.ts";
import {
  CIRCUIT_OPEN_REASON,
  observeCall,
  pathTemplate,
  traceAttempt,
  type CallMetrics,
} from "./call-telemetry.ts";
import { mapServiceError } from "./envelope.ts";
import { TransientServiceError, UpstreamUnavailableError } from "./errors.ts";
import type { ServiceName } from "./service-names.ts";
import type { TokenMinter, TokenSubject } from "./token-minter.ts";

export interface ServiceClientOptions {
  service: ServiceName;
  audience: ServiceAudience;
  baseUrl: string;
  minter: Pick<TokenMinter, "mint">;
  logger: Logger;
  timeoutMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  /** Retries (after the first attempt) of idempotent calls. */
  retries: number;
  /** First retry delay; decorrelated jitter up to 10×. */
  retryBaseMs?: number;
  /** Records `pregao_service_call_duration_seconds{service,outcome}`; absent → no metric. */
  metrics?: CallMetrics;
}

export interface ServiceCall<T extends z.ZodType> {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Who the service token speaks for. */
  subject: TokenSubject;
  /**
   * Safe to repeat: GET, DELETE cancel, and POST submit (it carries an idempotencyKey — the order manager returns the
   * first order for a repeated key, so a retry after a lost response can never create a second order). Only these are
   * retried; a non-idempotent call that times out is reported, never repeated.
   */
  idempotent: boolean;
  /** Schema of the success envelope's `data`. */
  data: T;
  requestId?: string;
}

export interface ServiceStatus {
  service: ServiceName;
  url: string;
  state: BreakerState;
  since: number;
  lastError: string | null;
}

const stateName: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "halfOpen",
  [CircuitState.Isolated]: "open",
};

const isTransient = (e: unknown) => e instanceof TransientServiceError || e instanceof TaskCancelledError;

/**
 * One backend service: fetch with a per-attempt timeout, a consecutive-failure breaker (transport errors, timeouts,
 * 5xx; half-open after the cooldown lets one probe through) and, for idempotent calls only, jittered retries —
 * composed `wrap(retry, breaker, timeout)`. An open breaker fails at once with UpstreamUnavailableError.
 */
export class ServiceClient {
  private readonly breaker: CircuitBreakerPolicy;
  private readonly once: IPolicy;
  private readonly retrying: IPolicy;
  private view: { since: number; lastError: string | null } = { since: Date.now(), lastError: null };

  constructor(private readonly options: ServiceClientOptions) {
    const t = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    this.breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: options.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(options.breakerThreshold),
    });
    this.breaker.onStateChange(() => (this.view = { ...this.view, since: Date.now() }));
    this.breaker.onBreak(() =>
      options.logger.warn({ service: options.service, err: this.view.lastError }, "service breaker open"),
    );
    const base = options.retryBaseMs ?? 50;
    const r = retry(handleWhen(isTransient), {
      maxAttempts: options.retries,
      backoff: new ExponentialBackoff({ initialDelay: base, maxDelay: base * 10 }),
    });
    this.once = wrap(this.breaker, t);
    this.retrying = wrap(r, this.breaker, t);
  }

  get service(): ServiceName {
    return this.options.service;
  }

  status(): ServiceStatus {
    return {
      service: this.options.service,
      url: this.options.baseUrl,
      state: stateName[this.breaker.state],
      ...this.view,
    };
  }

  /**
   * Calls the service; resolves with the status and validated `data`, or throws an HttpError for the envelope. Traced
   * (an INTERNAL span per call, a CLIENT span per attempt whose `traceparent` the service continues) and timed.
   */
  call<T extends z.ZodType>(call: ServiceCall<T>): Promise<{ status: number; data: z.infer<T> }> {
    const template = pathTemplate(call.path);
    const { service, metrics } = this.options;
    return observeCall(service, call.method, template, metrics, () => this.run(call, template));
  }

  private async run<T extends z.ZodType>(
    call: ServiceCall<T>,
    template: string,
  ): Promise<{ status: number; data: z.infer<T> }> {
    const { service, logger } = this.options;
    // Minted once per call: every retry of it carries the same token (and jti) — it is the same request.
    const token = await this.options.minter.mint(this.options.audience, call.subject);
    let res: { status: number; body: unknown };
    try {
      res = await (call.idempotent ? this.retrying : this.once).execute((ctx) =>
        this.attempt(call, template, token, ctx.signal, (ctx as { attempt?: number }).attempt ?? 0),
      );
    } catch (err) {
      if (err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError)
        throw new UpstreamUnavailableError(service, CIRCUIT_OPEN_REASON);
      if (isTransient(err)) throw new UpstreamUnavailableError(service, this.view.lastError ?? "unavailable");
      throw err;
    }
    if (res.status >= 200 && res.status < 300) {
      const parsed = serviceOk(call.data).safeParse(res.body);
      if (parsed.success) return { status: res.status, data: (parsed.data as { data: z.infer<T> }).data };
      logger.error({ service, path: call.path, issue: parsed.error.issues[0] }, "invalid service response");
      throw new UpstreamUnavailableError(service, "invalid response");
    }
    const mapped = mapServiceError(service, res.status, res.body);
    if (mapped instanceof UpstreamUnavailableError && res.status === 401)
      logger.error(
        { service, path: call.path, requestId: call.requestId, body: res.body },
        "SERVICE REFUSED OUR TOKEN: check SERVICE_JWKS_URL / keys / clocks",
      );
    throw mapped;
  }

  private attempt(
    call: ServiceCall<z.ZodType>,
    template: string,
    token: string,
    signal: AbortSignal,
    attempt: number,
  ) {
    const url = new URL(call.path, this.options.baseUrl);
    for (const [k, v] of Object.entries(call.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    return traceAttempt(this.options.service, call.method, template, url, attempt, (trace) =>
      this.send(call, url, { ...trace, authorization: `Bearer ${token}` }, signal),
    );
  }

  private async send(
    call: ServiceCall<z.ZodType>,
    url: URL,
    headers: Record<string, string>,
    signal: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    const { service } = this.options;
    headers.accept = "application/json";
    if (call.body !== undefined) headers["content-type"] = "application/json";
    if (call.requestId) headers["x-request-id"] = call.requestId;
    let res: Response;
    try {
      res = await fetch(url, {
        method: call.method,
        headers,
        body: call.body === undefined ? null : JSON.stringify(call.body),
        signal,
      });
    } catch (err) {
      const message = signal.aborted ? "timeout" : errorText(err);
      this.view = { ...this.view, lastError: message };
      throw new TransientServiceError(service, message);
    }
    const body: unknown = await res.json().catch(() => null);
    if (res.status >= 500) {
      this.view = { ...this.view, lastError: `HTTP ${res.status}` };
      throw new TransientServiceError(service, `HTTP ${res.status}`, res.status);
    }
    if (res.status < 400) this.view = { ...this.view, lastError: null };
    return { status: res.status, body };
  }
}

function errorText(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
