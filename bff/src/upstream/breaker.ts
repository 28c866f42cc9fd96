import {
  BrokenCircuitError,
  IsolatedCircuitError,
  type CircuitBreakerPolicy,
  CircuitState,
  EventEmitter,
  ExponentialBackoff,
  circuitBreaker,
  handleAll,
  type IBackoff,
  type IBreaker,
} from "cockatiel";
import type { BreakerState } from "@pregao/contracts";
import { MalformedBurstError } from "./errors.ts";

export interface FeedBreakerOptions {
  /** Consecutive connect failures that open the circuit. */
  threshold: number;
  /** Open → half-open after this long. */
  cooldownMs: number;
  backoffInitialMs: number;
  backoffMaxMs: number;
  /** Malformed frames within `malformedWindowMs` that open the circuit. */
  malformedBurst: number;
  malformedWindowMs: number;
}

/** The breaker as `feed:status` shows it. */
export interface BreakerView {
  state: BreakerState;
  since: number;
  lastError: string | null;
}

/** Consecutive-failure breaker that can also be tripped at once (data-quality failures). */
class TrippableBreaker implements IBreaker {
  state = 0;
  tripNext = false;
  constructor(private readonly threshold: number) {}
  success(): void {
    this.state = 0;
  }
  failure(): boolean {
    if (this.tripNext) {
      this.tripNext = false;
      return true;
    }
    this.state++;
    return this.state >= this.threshold;
  }
}

const stateNames: Record<CircuitState, BreakerState> = {
  [CircuitState.Closed]: "closed",
  [CircuitState.Open]: "open",
  [CircuitState.HalfOpen]: "halfOpen",
  [CircuitState.Isolated]: "open",
};

/**
 * The feed link's circuit breaker (cockatiel) plus its reconnect backoff (decorrelated-jitter exponential) and the
 * malformed-frame burst detector. Connect attempts run through `execute`; a burst calls `trip`.
 */
export class FeedBreaker {
  private readonly policy: CircuitBreakerPolicy;
  private readonly inner: TrippableBreaker;
  private readonly backoffFactory: ExponentialBackoff<unknown>;
  private backoff: IBackoff<unknown> | undefined;
  private malformedAt: number[] = [];
  private view: BreakerView = { state: "closed", since: Date.now(), lastError: null };
  private readonly changed = new EventEmitter<BreakerView>();
  /** Fires on every state change. */
  readonly onChange = this.changed.addListener;

  constructor(private readonly options: FeedBreakerOptions) {
    this.inner = new TrippableBreaker(options.threshold);
    this.policy = circuitBreaker(handleAll, { halfOpenAfter: options.cooldownMs, breaker: this.inner });
    this.backoffFactory = new ExponentialBackoff({
      initialDelay: options.backoffInitialMs,
      maxDelay: options.backoffMaxMs,
    });
    this.policy.onBreak((reason) => {
      if ("error" in reason)
        this.view.lastError = reason.error instanceof Error ? reason.error.message : String(reason.error);
    });
    this.policy.onStateChange((s) => {
      this.view = { ...this.view, state: stateNames[s], since: Date.now() };
      this.changed.emit(this.snapshot());
    });
  }

  snapshot(): BreakerView {
    return { ...this.view };
  }

  /** Runs `fn` through the circuit; throws cockatiel's BrokenCircuitError while open. */
  execute<T>(fn: () => Promise<T>): Promise<T> {
    return this.policy.execute(fn).then(
      (v) => {
        this.backoff = undefined;
        return v;
      },
      (err: unknown) => {
        if (err instanceof Error && !this.isOpenError(err)) this.view.lastError = err.message;
        throw err;
      },
    );
  }

  /** True for the error `execute` throws while the circuit is open. */
  isOpenError(err: unknown): boolean {
    return err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError;
  }

  /** Opens the circuit now, whatever the failure count (data quality). */
  trip(error: Error): void {
    this.view.lastError = error.message;
    if (this.policy.state !== CircuitState.Closed) return;
    this.inner.tripNext = true;
    this.policy
      .execute(() => {
        throw error;
      })
      .catch(() => undefined);
  }

  /** Records a malformed frame; returns the burst error when the burst threshold is reached. */
  malformed(now = Date.now()): MalformedBurstError | null {
    const { malformedBurst, malformedWindowMs } = this.options;
    this.malformedAt = this.malformedAt.filter((t) => now - t < malformedWindowMs);
    this.malformedAt.push(now);
    if (this.malformedAt.length < malformedBurst) return null;
    this.malformedAt = [];
    return new MalformedBurstError(malformedBurst, malformedWindowMs);
  }

  /** Delay before the next connect attempt: jittered exponential, never before the cool-down ends. */
  nextDelay(now = Date.now()): number {
    this.backoff = this.backoff ? this.backoff.next(undefined) : this.backoffFactory.next();
    const delay = Math.min(this.backoff.duration, this.options.backoffMaxMs);
    if (this.view.state !== "open") return delay;
    return Math.max(delay, this.view.since + this.options.cooldownMs - now);
  }
}
