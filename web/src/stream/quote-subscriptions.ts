import { MAX_SUBSCRIPTIONS_PER_SOCKET, type Ack, type ErrorBody, type Quote } from "@pregao/contracts";

/** What the subscription book needs from the socket; faked in tests. */
export interface SubscriptionTransport {
  subscribe(assets: string[]): Promise<Ack<{ quotes: Quote[] }>>;
  unsubscribe(assets: string[]): Promise<unknown>;
}

export interface SubscriptionCallbacks {
  onSnapshot(quotes: Quote[]): void;
  /** The refusal as the server coded it (the UI words it in the user's language), or null once it streams. */
  onError(asset: string, error: ErrorBody | null): void;
  onReleased(assets: string[]): void;
}

/**
 * Reference-counted quote subscriptions for the whole page: two panels retaining PETR4:B subscribe once; the last
 * release unsubscribes. Changes within one task are coalesced into one subscribe and one unsubscribe (microtask).
 * On (re)connect `attach` re-subscribes everything held.
 */
export class QuoteSubscriptions {
  private readonly counts = new Map<string, number>();
  /** Assets the server holds for us (or is being asked to). */
  private readonly active = new Set<string>();
  private transport: SubscriptionTransport | null = null;
  private scheduled = false;

  constructor(private readonly cb: SubscriptionCallbacks) {}

  /** Held assets (count > 0). */
  get assets(): string[] {
    return [...this.counts.keys()];
  }

  /** Retain assets; returns an idempotent release. */
  retain(assets: readonly string[]): () => void {
    for (const a of assets) this.counts.set(a, (this.counts.get(a) ?? 0) + 1);
    this.schedule();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const a of assets) {
        const n = (this.counts.get(a) ?? 0) - 1;
        if (n > 0) this.counts.set(a, n);
        else this.counts.delete(a);
      }
      this.schedule();
    };
  }

  /** The socket (re)connected: the server holds nothing for us yet. */
  attach(transport: SubscriptionTransport): void {
    this.transport = transport;
    this.active.clear();
    this.schedule();
  }

  detach(): void {
    this.transport = null;
    this.active.clear();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const t = this.transport;
    if (!t) return;
    const add = this.assets.filter((a) => !this.active.has(a));
    const drop = [...this.active].filter((a) => !this.counts.has(a));
    for (const a of add) this.active.add(a);
    for (const a of drop) this.active.delete(a);
    if (drop.length > 0) {
      this.cb.onReleased(drop);
      for (const part of chunks(drop)) void t.unsubscribe(part).catch(() => undefined);
    }
    await Promise.all(chunks(add).map((part) => this.subscribe(t, part)));
  }

  private async subscribe(t: SubscriptionTransport, assets: string[]): Promise<void> {
    let ack: Ack<{ quotes: Quote[] }>;
    try {
      ack = await t.subscribe(assets);
    } catch {
      // Timeout or disconnect: forget them so the next attach/flush asks again.
      if (this.transport === t) for (const a of assets) this.active.delete(a);
      return;
    }
    if (ack.ok) {
      for (const a of assets) this.cb.onError(a, null);
      this.cb.onSnapshot(ack.data.quotes);
      return;
    }
    if (assets.length > 1) {
      // One bad asset fails the batch; isolate it so the others still stream.
      await Promise.all(assets.map((a) => this.subscribe(t, [a])));
      return;
    }
    for (const a of assets) this.cb.onError(a, ack.error);
  }
}

function chunks(list: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < list.length; i += MAX_SUBSCRIPTIONS_PER_SOCKET) {
    out.push(list.slice(i, i + MAX_SUBSCRIPTIONS_PER_SOCKET));
  }
  return out;
}
