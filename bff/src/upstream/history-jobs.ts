import type { FeedServerMessage, HistoryTrade } from "@pregao/contracts";
import type { RequestSpec } from "./request-tracker.ts";

/** History could not be fetched: the deadline passed (link down, upstream silent) or the reply was too large. */
export class HistoryUnavailableError extends Error {
  readonly code = "UPSTREAM_UNAVAILABLE";
  constructor(message: string) {
    super(message);
    this.name = "HistoryUnavailableError";
  }
}

/** The upstream does not know the asset (`invalidTicker` answered the history request). */
export class HistoryUnknownAssetError extends Error {
  readonly code = "UNKNOWN_ASSET";
  constructor(readonly asset: string) {
    super(`unknown asset ${asset}`);
    this.name = "HistoryUnknownAssetError";
  }
}

export interface HistoryJobsOptions {
  /** Queue a request (the tracker gives it a reqId, a timeout and retries). */
  enqueue(spec: RequestSpec): void;
  /** Stop waiting for a job's request (queued, pending or scheduled for retry). */
  drop(spec: RequestSpec): void;
  /** A job not finished by then fails with HistoryUnavailableError (retries happen inside this time). */
  deadlineMs: number;
  /** Most trades one job may collect (memory bound). */
  maxTrades: number;
  /** Most jobs at once; more fail at once with HistoryUnavailableError. */
  maxJobs: number;
}

interface Job {
  spec: RequestSpec;
  trades: HistoryTrade[];
  resolve(trades: HistoryTrade[]): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * `getHistoryTrades` as a promise. Each fetch is a job whose request goes through the feed's request tracker (queue
 * under backpressure, reqId, timeout re-armed by every packet, retry with backoff); packets collect until `last`. A
 * timed-out attempt discards what it collected (the retry asks again from the start); the deadline ends the job.
 */
export class HistoryJobs {
  private readonly jobs = new Map<string, Job>();
  private nextId = 0;

  constructor(private readonly opts: HistoryJobsOptions) {}

  fetch(asset: string, from: number, to: number): Promise<HistoryTrade[]> {
    if (this.jobs.size >= this.opts.maxJobs)
      return Promise.reject(new HistoryUnavailableError("too many history requests in flight"));
    const job = `j${++this.nextId}`;
    const spec: RequestSpec = { kind: "history", assets: [asset], range: { job, from, to } };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.fail(
            job,
            new HistoryUnavailableError(`no history for ${asset} within ${this.opts.deadlineMs} ms`),
          ),
        this.opts.deadlineMs,
      );
      timer.unref();
      this.jobs.set(job, { spec, trades: [], resolve, reject, timer });
      this.opts.enqueue(spec);
    });
  }

  /** Whether a job still waits for this spec (the tracker's retry asks). */
  wanted(spec: RequestSpec): boolean {
    return spec.range !== undefined && this.jobs.has(spec.range.job);
  }

  /** A reply the tracker matched to a history spec. */
  reply(spec: RequestSpec, msg: FeedServerMessage): void {
    const job = spec.range && this.jobs.get(spec.range.job);
    if (!job || !spec.range) return;
    if (msg.type === "invalidTicker")
      return this.fail(spec.range.job, new HistoryUnknownAssetError(msg.asset));
    if (msg.type !== "historyTrades") return;
    for (const t of msg.trades) job.trades.push(t);
    if (job.trades.length > this.opts.maxTrades)
      return this.fail(
        spec.range.job,
        new HistoryUnavailableError(`history over ${this.opts.maxTrades} trades`),
      );
    if (!msg.last) return;
    this.finish(spec.range.job);
    job.resolve(job.trades);
  }

  /** An attempt went unanswered or failed: its partial packets are dropped (the retry starts over). */
  restart(spec: RequestSpec): void {
    const job = spec.range && this.jobs.get(spec.range.job);
    if (job) job.trades = [];
  }

  /** Specs of every unfinished job (re-queued after the link's requests were cleared). */
  specs(): RequestSpec[] {
    return [...this.jobs.values()].map((j) => j.spec);
  }

  get size(): number {
    return this.jobs.size;
  }

  dispose(): void {
    for (const id of [...this.jobs.keys()]) this.fail(id, new HistoryUnavailableError("feed closed"));
  }

  private fail(id: string, err: Error): void {
    const job = this.jobs.get(id);
    if (!job) return;
    this.finish(id);
    this.opts.drop(job.spec);
    job.reject(err);
  }

  private finish(id: string): void {
    const job = this.jobs.get(id);
    if (job) clearTimeout(job.timer);
    this.jobs.delete(id);
  }
}
