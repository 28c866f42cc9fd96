import type { FeedClientMessage, FeedServerMessage, HistoryTrade } from "@pregao/contracts";
import type { Backoff } from "./backoff.ts";
import { HistoryJobs } from "./history-jobs.ts";
import { RequestQueue } from "./request-queue.ts";
import { RequestTracker, type RequestKind, type RequestSpec } from "./request-tracker.ts";

export interface FeedRequestsDeps {
  /** The link: whether it takes more writes now (live, upstream reading), and the write itself. */
  link: { readonly writable: boolean; send(msg: FeedClientMessage): boolean };
  timeoutMs: number;
  backoff: Backoff;
  /** What of a failed request is still wanted at retry time (null or no assets: nothing to retry). */
  stillWanted(spec: RequestSpec): RequestSpec | null;
  /** A request went unanswered (for per-asset state and a throttled log line). */
  timedOut(spec: RequestSpec, reqId: string): void;
  /** How often to look again at a link that took no more writes. */
  pollMs?: number;
  /** Bounds of `getHistoryTrades` jobs (history-jobs.ts); defaults: 30 s deadline, 1,000,000 trades, 32 jobs. */
  history?: { deadlineMs?: number; maxTrades?: number; maxJobs?: number };
}

/**
 * The consumer's write path: every request waits in a coalescing queue until the link is writable (backpressure),
 * then goes out through the tracker, which gives it a reqId and waits for its reply, retrying with backoff.
 */
export class FeedRequests {
  readonly queue = new RequestQueue();
  readonly tracker: RequestTracker;
  private readonly histories: HistoryJobs;
  private poll: NodeJS.Timeout | undefined;

  constructor(private readonly deps: FeedRequestsDeps) {
    this.tracker = new RequestTracker(
      {
        write: (msg) => deps.link.send(msg),
        timedOut: (spec, reqId) => {
          if (spec.kind === "history") this.histories.restart(spec);
          deps.timedOut(spec, reqId);
        },
        retry: (spec) => {
          if (spec.kind === "history") return void (this.histories.wanted(spec) && this.enqueue(spec));
          const still = deps.stillWanted(spec);
          if (still && (still.assets.length > 0 || still.kind === "listAssets")) this.enqueue(still);
        },
      },
      deps.timeoutMs,
      deps.backoff,
    );
    this.histories = new HistoryJobs({
      enqueue: (spec) => this.enqueue(spec),
      drop: (spec) => spec.range && this.queue.dropHistory(spec.range.job),
      deadlineMs: deps.history?.deadlineMs ?? 30_000,
      maxTrades: deps.history?.maxTrades ?? 1_000_000,
      maxJobs: deps.history?.maxJobs ?? 32,
    });
  }

  /** `getHistoryTrades`: the asset's trades with `from <= ts < to`, oldest first (rejects: history-jobs.ts errors). */
  history(asset: string, from: number, to: number): Promise<HistoryTrade[]> {
    return this.histories.fetch(asset, from, to);
  }

  subscribe(assets: readonly string[]): void {
    if (assets.length === 0) return;
    this.tracker.cancel("unsubscribe", assets);
    this.enqueue({ kind: "subscribe", assets });
  }

  /** Also stops waiting for (and retrying) subscribes of these assets: an unanswered one cannot block a later one. */
  unsubscribe(assets: readonly string[]): void {
    if (assets.length === 0) return;
    this.tracker.cancel("subscribe", assets);
    this.enqueue({ kind: "unsubscribe", assets });
  }

  listAssets(): void {
    this.enqueue({ kind: "listAssets", assets: [] });
  }

  /** Settles the request `msg` answers; null when it answers none of ours. */
  settle(msg: FeedServerMessage): RequestSpec | null {
    const spec = this.tracker.settle(msg);
    if (spec?.kind === "history") {
      if (msg.type === "error") this.histories.restart(spec);
      else this.histories.reply(spec, msg);
    }
    return spec;
  }

  /** True while a request of `kind` about `asset` is queued, awaiting its reply or its retry. */
  outstanding(kind: RequestKind, asset = ""): boolean {
    if (kind === "listAssets") return this.queue.hasList || this.tracker.outstanding(kind);
    if (kind === "history") return this.tracker.outstanding(kind, asset);
    return this.queue.has(kind, asset) || this.tracker.outstanding(kind, asset);
  }

  /** The link is gone: no reply will come, and the reconnect re-sends what is wanted. */
  clear(): void {
    clearTimeout(this.poll);
    this.poll = undefined;
    this.queue.clear();
    this.tracker.clear();
    // History jobs outlive the link (until their deadline): asked again from the start once it is writable.
    for (const spec of this.histories.specs()) {
      this.histories.restart(spec);
      this.queue.history(spec);
    }
  }

  /** Writes what the link takes now; polls again while something waits. */
  pump(): void {
    const { link } = this.deps;
    this.queue.drain(
      () => link.writable,
      (spec) => this.tracker.send(spec),
    );
    if (this.queue.size === 0 || this.poll) return;
    this.poll = setTimeout(() => {
      this.poll = undefined;
      this.pump();
    }, this.deps.pollMs ?? 25);
    this.poll.unref();
  }

  dispose(): void {
    this.histories.dispose();
    this.clear();
  }

  private enqueue(spec: RequestSpec): void {
    if (spec.kind === "listAssets") this.queue.listAssets();
    else if (spec.kind === "history") this.queue.history(spec);
    else if (spec.kind === "subscribe") this.queue.subscribe(spec.assets);
    else this.queue.unsubscribe(spec.assets);
    this.pump();
  }
}
