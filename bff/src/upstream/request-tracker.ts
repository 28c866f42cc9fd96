import type { FeedClientMessage, FeedServerMessage } from "@pregao/contracts";
import { retryDelay, type Backoff } from "./backoff.ts";

/** Every request the consumer sends upstream; a new one (history, …) adds a kind here and nothing else. */
export type RequestKind = "subscribe" | "unsubscribe" | "listAssets" | "history";
export const requestKinds: readonly RequestKind[] = ["subscribe", "unsubscribe", "listAssets", "history"];

/** A `getHistoryTrades` range (`from <= ts < to`) and the id of the job waiting for it (history-jobs.ts). */
export interface HistoryRange {
  job: string;
  from: number;
  to: number;
}

/** What a request is about: `assets` is empty for requests about no asset (listAssets). */
export interface RequestSpec {
  kind: RequestKind;
  assets: readonly string[];
  /** `history` only: the range asked for (`assets` holds the one asset). */
  range?: HistoryRange;
}

/** Which reply settles which request kind (`error` with the same reqId settles any of them, as a failure). */
const replyKind: Partial<Record<FeedServerMessage["type"], RequestKind>> = {
  subscribed: "subscribe",
  unsubscribed: "unsubscribe",
  assetList: "listAssets",
  historyTrades: "history",
};

export interface RequestTrackerHooks {
  /** Writes the message upstream (the queue already checked the link is writable). */
  write(msg: FeedClientMessage): void;
  /** A request timed out or failed; called after the backoff with what is still outstanding. */
  retry(spec: RequestSpec, attempt: number): void;
  /** A request had no reply within the timeout. */
  timedOut(spec: RequestSpec, reqId: string): void;
}

export type RequestOutcome = "sent" | "replied" | "failed" | "timedOut" | "retried";

interface Pending {
  spec: RequestSpec;
  attempt: number;
  timer: NodeJS.Timeout;
}

/**
 * Tracks every upstream request from write to reply. Each gets a `reqId`; its reply (`subscribed`, `unsubscribed`,
 * `assetList`, or `error` with the same `reqId`) settles it. No reply within `timeoutMs`, or an `error`, schedules a
 * retry after a jittered exponential backoff; the owner decides what is still wanted at that time (so retries go on
 * for as long as the asset is wanted, and stop when it is not). Pending requests and scheduled retries are dropped
 * on disconnect (`clear`) and per asset when it is no longer wanted (`cancel`).
 */
export class RequestTracker {
  private readonly pending = new Map<string, Pending>();
  private readonly retries = new Set<{ spec: RequestSpec; timer: NodeJS.Timeout }>();
  /** Consecutive failures per `kind:asset` (or `kind:` for asset-less requests): the backoff exponent. */
  private readonly failures = new Map<string, number>();
  private nextId = 0;
  /** Counts per kind and outcome, flushed into Prometheus at scrape time. */
  readonly counts = new Map<`${RequestKind}:${RequestOutcome}`, number>();

  constructor(
    private readonly hooks: RequestTrackerHooks,
    private readonly timeoutMs: number,
    private readonly backoff: Backoff,
    private readonly random: () => number = Math.random,
  ) {}

  /** Writes `spec` with a fresh reqId and arms its timeout. */
  send(spec: RequestSpec, attempt = this.attemptOf(spec)): string {
    const reqId = `${spec.kind[0]}${++this.nextId}`;
    const msg: FeedClientMessage =
      spec.kind === "listAssets"
        ? { type: "listAssets", reqId }
        : spec.kind === "history"
          ? {
              type: "getHistoryTrades",
              reqId,
              asset: spec.assets[0] ?? "",
              from: spec.range?.from ?? 0,
              to: spec.range?.to ?? 0,
            }
          : { type: spec.kind, assets: [...spec.assets], reqId };
    const timer = setTimeout(() => this.expire(reqId), this.timeoutMs);
    timer.unref();
    this.pending.set(reqId, { spec, attempt, timer });
    this.count(spec.kind, "sent");
    if (attempt > 0) this.count(spec.kind, "retried");
    this.hooks.write(msg);
    return reqId;
  }

  /**
   * Settles the request a reply belongs to; returns its spec, or null when the message is no reply of ours. A reply
   * without reqId (older bridges) settles the oldest pending request of its kind: the upstream answers in order.
   */
  settle(msg: FeedServerMessage): RequestSpec | null {
    const reqId = "reqId" in msg ? msg.reqId : undefined;
    // History replies come in packets: each one proves progress (the timeout restarts); only `last` settles. An
    // `invalidTicker` answering a history request settles it too (nothing to retry).
    const history = reqId === undefined ? undefined : this.pending.get(reqId);
    if (history?.spec.kind === "history" && reqId !== undefined) {
      if (msg.type === "historyTrades" && !msg.last) {
        clearTimeout(history.timer);
        history.timer = setTimeout(() => this.expire(reqId), this.timeoutMs);
        history.timer.unref();
        return history.spec;
      }
      if (msg.type === "invalidTicker") return this.settled(reqId, history, msg);
    }
    const kind = replyKind[msg.type];
    if (!kind && msg.type !== "error") return null;
    const id = reqId ?? (kind ? this.oldest(kind) : undefined);
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p || id === undefined) return null;
    return this.settled(id, p, msg);
  }

  private settled(id: string, p: Pending, msg: FeedServerMessage): RequestSpec {
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (msg.type === "error") {
      this.count(p.spec.kind, "failed");
      this.scheduleRetry(p.spec);
    } else {
      this.count(p.spec.kind, "replied");
      for (const key of keys(p.spec)) this.failures.delete(key);
    }
    return p.spec;
  }

  /** True while a request of `kind` about `asset` (or asset-less) awaits its reply or its retry. */
  outstanding(kind: RequestKind, asset = ""): boolean {
    const about = (s: RequestSpec) => s.kind === kind && (asset === "" || s.assets.includes(asset));
    for (const p of this.pending.values()) if (about(p.spec)) return true;
    for (const r of this.retries) if (about(r.spec)) return true;
    return false;
  }

  /** Consecutive failed attempts for `kind` about `asset`. */
  failuresOf(kind: RequestKind, asset = ""): number {
    return this.failures.get(`${kind}:${asset}`) ?? 0;
  }

  /** Forgets `assets` for `kind`: their pending requests and retries no longer wait or retry for them. */
  cancel(kind: RequestKind, assets: readonly string[]): void {
    const gone = new Set(assets);
    const narrow = (spec: RequestSpec): RequestSpec => ({
      kind,
      assets: spec.assets.filter((a) => !gone.has(a)),
    });
    for (const [id, p] of this.pending) {
      if (p.spec.kind !== kind) continue;
      p.spec = narrow(p.spec);
      if (p.spec.assets.length === 0 && kind !== "listAssets") {
        clearTimeout(p.timer);
        this.pending.delete(id);
      }
    }
    for (const r of this.retries) {
      if (r.spec.kind !== kind) continue;
      r.spec = narrow(r.spec);
      if (r.spec.assets.length === 0 && kind !== "listAssets") {
        clearTimeout(r.timer);
        this.retries.delete(r);
      }
    }
    for (const a of assets) this.failures.delete(`${kind}:${a}`);
  }

  /** Requests waiting for a reply (for stats and tests). */
  get size(): number {
    return this.pending.size;
  }

  /** Drops everything (disconnect: the reconnect re-sends what is wanted). */
  clear(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    for (const r of this.retries) clearTimeout(r.timer);
    this.pending.clear();
    this.retries.clear();
    this.failures.clear();
  }

  private expire(reqId: string): void {
    const p = this.pending.get(reqId);
    if (!p) return;
    this.pending.delete(reqId);
    this.count(p.spec.kind, "timedOut");
    this.hooks.timedOut(p.spec, reqId);
    this.scheduleRetry(p.spec);
  }

  private scheduleRetry(spec: RequestSpec): void {
    let attempt = 0;
    for (const key of keys(spec)) {
      const n = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, n);
      attempt = Math.max(attempt, n);
    }
    const entry = { spec, timer: setTimeout(() => fire(), retryDelay(this.backoff, attempt, this.random)) };
    entry.timer.unref();
    const fire = (): void => {
      this.retries.delete(entry);
      this.hooks.retry(entry.spec, attempt);
    };
    this.retries.add(entry);
  }

  private attemptOf(spec: RequestSpec): number {
    return Math.max(0, ...keys(spec).map((k) => this.failures.get(k) ?? 0));
  }

  private oldest(kind: RequestKind): string | undefined {
    for (const [id, p] of this.pending) if (p.spec.kind === kind) return id;
    return undefined;
  }

  private count(kind: RequestKind, outcome: RequestOutcome): void {
    const key = `${kind}:${outcome}` as const;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

const keys = (spec: RequestSpec): string[] =>
  spec.assets.length === 0 ? [`${spec.kind}:`] : spec.assets.map((a) => `${spec.kind}:${a}`);
