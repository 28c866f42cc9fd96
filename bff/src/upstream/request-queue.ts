import type { RequestSpec } from "./request-tracker.ts";

/** The protocol's per-request cap. */
export const MAX_ASSETS_PER_REQUEST = 500;

/**
 * Requests waiting for the upstream to accept writes. It holds intents, not frames: one entry per asset (subscribe or
 * unsubscribe, the newer wins) plus one `listAssets` flag, so its size is bounded by the assets the BFF can hold (the
 * catalog), whatever the rate of resyncs, retries or gaps. A subscribe for an asset already queued is not queued
 * twice; an unsubscribe cancels a queued subscribe (and vice versa).
 */
export class RequestQueue {
  private readonly intents = new Map<string, "subscribe" | "unsubscribe">();
  private list = false;
  /** History requests by job id (history-jobs.ts bounds how many exist). */
  private readonly histories = new Map<string, RequestSpec>();

  subscribe(assets: readonly string[]): void {
    for (const a of assets) this.set(a, "subscribe");
  }

  unsubscribe(assets: readonly string[]): void {
    for (const a of assets) this.set(a, "unsubscribe");
  }

  listAssets(): void {
    this.list = true;
  }

  /** Queues a `history` request; a job already waiting keeps its place. */
  history(spec: RequestSpec): void {
    if (spec.range && !this.histories.has(spec.range.job)) this.histories.set(spec.range.job, spec);
  }

  /** Drops a job's waiting history request. */
  dropHistory(job: string): void {
    this.histories.delete(job);
  }

  /** True when a request of `kind` about `asset` waits here. */
  has(kind: "subscribe" | "unsubscribe", asset: string): boolean {
    return this.intents.get(asset) === kind;
  }

  /** True when a `listAssets` waits here. */
  get hasList(): boolean {
    return this.list;
  }

  /** Entries waiting (assets + the list flag). */
  get size(): number {
    return this.intents.size + (this.list ? 1 : 0) + this.histories.size;
  }

  /**
   * Hands out requests (at most `MAX_ASSETS_PER_REQUEST` assets each) while `writable()` says the link takes more;
   * returns how many were handed out.
   */
  drain(writable: () => boolean, send: (spec: RequestSpec) => void): number {
    let sent = 0;
    if (this.list && writable()) {
      this.list = false;
      send({ kind: "listAssets", assets: [] });
      sent++;
    }
    for (const kind of ["unsubscribe", "subscribe"] as const) {
      while (writable()) {
        const batch = this.take(kind);
        if (batch.length === 0) break;
        send({ kind, assets: batch });
        sent++;
      }
    }
    for (const [job, spec] of this.histories) {
      if (!writable()) break;
      this.histories.delete(job);
      send(spec);
      sent++;
    }
    return sent;
  }

  clear(): void {
    this.intents.clear();
    this.list = false;
    this.histories.clear();
  }

  private set(asset: string, kind: "subscribe" | "unsubscribe"): void {
    if (this.intents.get(asset) === kind) return;
    // A changed intent is re-inserted so the entry moves to the back: what was wanted first goes first.
    this.intents.delete(asset);
    this.intents.set(asset, kind);
  }

  private take(kind: "subscribe" | "unsubscribe"): string[] {
    const batch: string[] = [];
    for (const [asset, k] of this.intents) {
      if (k !== kind) continue;
      batch.push(asset);
      this.intents.delete(asset);
      if (batch.length === MAX_ASSETS_PER_REQUEST) break;
    }
    return batch;
  }
}
