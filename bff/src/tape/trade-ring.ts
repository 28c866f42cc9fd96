import { tradeIdentity, type HistoryTrade, type TradeBatch } from "@pregao/contracts";

/** A print as the tape sends it (live trade + exchange time; history trades are never edits). */
export type TapeTrade = TradeBatch["trades"][number];

const before = (a: TapeTrade, b: TapeTrade) =>
  a.ts < b.ts || (a.ts === b.ts && a.tradeNumber < b.tradeNumber);

/**
 * The newest `capacity` prints of one asset, ascending by (exchange time, trade number), whatever order history and
 * live trades arrive in. A print seen before (same `tradeIdentity`) counts once; an edit replaces the print it
 * corrects (and is dropped when that print is not held). Bounded: the oldest prints go first.
 */
export class TradeRing {
  private trades: TapeTrade[] = [];
  private readonly ids = new Set<string>();

  constructor(readonly capacity: number) {}

  /** Adds one print; false when it changed nothing (a duplicate, an edit of a print not held, or too old to keep). */
  add(t: TapeTrade): boolean {
    const id = tradeIdentity(t);
    if (t.edit) {
      const i = this.trades.findIndex((x) => tradeIdentity(x) === id);
      if (i < 0) return false;
      this.trades[i] = { ...t, edit: false };
      return true;
    }
    if (this.ids.has(id)) return false;
    if (this.trades.length >= this.capacity && !before(this.trades[0]!, t)) return false;
    let i = this.trades.length;
    while (i > 0 && before(t, this.trades[i - 1]!)) i--;
    this.trades.splice(i, 0, t);
    this.ids.add(id);
    while (this.trades.length > this.capacity) this.ids.delete(tradeIdentity(this.trades.shift()!));
    return true;
  }

  /** History (oldest first): only its newest `capacity` trades can stay, so only those are looked at. */
  addHistory(trades: readonly HistoryTrade[]): number {
    let added = 0;
    for (const t of trades.slice(-this.capacity)) if (this.add({ ...t, edit: false })) added++;
    return added;
  }

  /** Oldest first. */
  list(): TapeTrade[] {
    return [...this.trades];
  }

  get size(): number {
    return this.trades.length;
  }

  get full(): boolean {
    return this.trades.length >= this.capacity;
  }
}
