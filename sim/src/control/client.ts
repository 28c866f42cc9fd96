import type { ConnStateType } from "@pregao/contracts";
import { simControlStateSchema, type SimControlState } from "./schemas.ts";

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
  drop(): Promise<SimControlState>;
  refuse(enabled: boolean): Promise<SimControlState>;
  blackhole(enabled: boolean): Promise<SimControlState>;
  delay(ms: number): Promise<SimControlState>;
  malformed(count: number): Promise<SimControlState>;
  skipSeq(count: number): Promise<SimControlState>;
  flood(rate: number, durationMs: number): Promise<SimControlState>;
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
    drop: () => call("POST", "drop"),
    refuse: (enabled) => call("POST", "refuse", { enabled }),
    blackhole: (enabled) => call("POST", "blackhole", { enabled }),
    delay: (ms) => call("POST", "delay", { ms }),
    malformed: (count) => call("POST", "malformed", { count }),
    skipSeq: (count) => call("POST", "skip-seq", { count }),
    flood: (rate, durationMs) => call("POST", "flood", { rate, durationMs }),
    rate: (rate) => call("POST", "rate", { rate }),
    connectionState: (stateType, result) => call("POST", "connection-state", { stateType, result }),
    reset: () => call("POST", "reset"),
    services: (enabled) => call("POST", "services", { enabled }),
    tradeThrough: (asset, price) => call("POST", "trade-through", { asset, price }),
    riskReset: () => call("POST", "risk-reset"),
  };
}
