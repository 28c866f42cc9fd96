import type { Ack } from "@pregao/contracts";

/** Subscribe/unsubscribe for one socket channel (book, trades); faked in tests. */
export interface ChannelTransport<T> {
  subscribe(assets: string[]): Promise<Ack<T>>;
  unsubscribe(assets: string[]): Promise<unknown>;
}

/**
 * Reference-counted subscriptions for one channel: two panels holding PETR4:B subscribe once; the last release
 * unsubscribes. `attach` (every socket connect) re-subscribes everything held.
 */
export class ChannelSubscriptions<T> {
  private readonly counts = new Map<string, number>();
  private readonly active = new Set<string>();
  private transport: ChannelTransport<T> | null = null;

  constructor(
    private readonly onSubscribed: (data: T) => void,
    private readonly onReleased: (assets: string[]) => void,
  ) {}

  retain(asset: string): () => void {
    this.counts.set(asset, (this.counts.get(asset) ?? 0) + 1);
    this.sync();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.counts.get(asset) ?? 0) - 1;
      if (n > 0) this.counts.set(asset, n);
      else this.counts.delete(asset);
      this.sync();
    };
  }

  /** Whether some panel holds the asset (a late server push for a released asset is ignored). */
  holds(asset: string): boolean {
    return this.counts.has(asset);
  }

  attach(transport: ChannelTransport<T>): void {
    this.transport = transport;
    this.active.clear();
    this.sync();
  }

  detach(): void {
    this.transport = null;
    this.active.clear();
  }

  private sync(): void {
    const t = this.transport;
    if (!t) return;
    const add = [...this.counts.keys()].filter((a) => !this.active.has(a));
    const drop = [...this.active].filter((a) => !this.counts.has(a));
    for (const a of drop) this.active.delete(a);
    if (drop.length > 0) {
      this.onReleased(drop);
      void t.unsubscribe(drop).catch(() => undefined);
    }
    if (add.length === 0) return;
    for (const a of add) this.active.add(a);
    t.subscribe(add).then(
      (ack) => {
        if (ack.ok) this.onSubscribed(ack.data);
        else for (const a of add) this.active.delete(a);
      },
      () => {
        if (this.transport === t) for (const a of add) this.active.delete(a);
      },
    );
  }
}
