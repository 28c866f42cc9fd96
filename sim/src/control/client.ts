import type { ConnStateType } from "@pregao/contracts";
import { simControlStateSchema, type Duration, type SimControlState } from "./schemas.ts";

/** How long a fault lasts: `for` a duration across every connection and reconnection, or `count` events. */
export type FaultSpan = { for: Duration } | { count: number };

/** A control call the simulator refused (`status` and the `{ error: { code } }` it returned). */
export class SimControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "SimControlError";
  }
}

/** Typed client of the simulator's fault-injection API; every call resolves to the resulting state. */
export interface SimControl {
  state(): Promise<SimControlState>;
  /** Closes every feed connection now; with a span, also each connection accepted for that long / the next n. */
  drop(span?: FaultSpan): Promise<SimControlState>;
  /** 503 on upgrade: on/off, `for` a duration, or the next `count` upgrades. */
  refuse(arg: boolean | FaultSpan): Promise<SimControlState>;
  /** Sends nothing (heartbeats included): on/off, `for` a duration, or the next `count` frames. */
  blackhole(arg: boolean | FaultSpan): Promise<SimControlState>;
  /** Every frame `ms` late, until reset or for the span; `delay(0)` clears it. */
  delay(ms: number, span?: FaultSpan): Promise<SimControlState>;
  /** A garbage frame before each of the next `n` frames (a number is `{ count: n }`), or before every frame `for`. */
  malformed(arg: number | FaultSpan): Promise<SimControlState>;
  /** One gap of `n` on each open connection, or a gap of one before every frame `for` a duration. */
  skipSeq(arg: number | { for: Duration }): Promise<SimControlState>;
  /** Market events per second raised to `rate` for `duration` (ms or a duration text). */
  flood(rate: number, duration: number | Duration): Promise<SimControlState>;
  rate(rate: number): Promise<SimControlState>;
  connectionState(stateType: ConnStateType, result: number): Promise<SimControlState>;
  reset(): Promise<SimControlState>;
  /** Opens or closes the order manager + risk service port (closed → connection refused). */
  services(enabled: boolean): Promise<SimControlState>;
  /** Makes `asset` trade at `price` (sweeping the book to it), so resting limits fill deterministically. */
  tradeThrough(asset: string, price: number): Promise<SimControlState>;
  /** Kill switch off and daily loss counters zero (test isolation). */
  riskReset(): Promise<SimControlState>;
}

/** `controlUrl` is the base, e.g. `http://127.0.0.1:9001/control`. */
export function createSimControl(controlUrl: string, token: string): SimControl {
  const base = controlUrl.replace(/\/+$/, "");
  const call = async (method: "GET" | "POST", path: string, body?: unknown): Promise<SimControlState> => {
    const res = await fetch(`${base}/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(method === "POST" ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    const json: unknown = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = (json as { error?: { code?: string; message?: string } }).error;
      throw new SimControlError(res.status, err?.code ?? "INTERNAL", err?.message ?? `HTTP ${res.status}`);
    }
    return simControlStateSchema.parse(json);
  };
  return {
    state: () => call("GET", "state"),
    drop: (span) => call("POST", "drop", span ?? {}),
    refuse: (arg) => call("POST", "refuse", typeof arg === "boolean" ? { enabled: arg } : arg),
    blackhole: (arg) => call("POST", "blackhole", typeof arg === "boolean" ? { enabled: arg } : arg),
    delay: (ms, span) => call("POST", "delay", { ms, ...span }),
    malformed: (arg) => call("POST", "malformed", typeof arg === "number" ? { count: arg } : arg),
    skipSeq: (arg) => call("POST", "skip-seq", typeof arg === "number" ? { count: arg } : arg),
    flood: (rate, duration) =>
      call(
        "POST",
        "flood",
        typeof duration === "number" ? { rate, durationMs: duration } : { rate, for: duration },
      ),
    rate: (rate) => call("POST", "rate", { rate }),
    connectionState: (stateType, result) => call("POST", "connection-state", { stateType, result }),
    reset: () => call("POST", "reset"),
    services: (enabled) => call("POST", "services", { enabled }),
    tradeThrough: (asset, price) => call("POST", "trade-through", { asset, price }),
    riskReset: () => call("POST", "risk-reset"),
  };
}
