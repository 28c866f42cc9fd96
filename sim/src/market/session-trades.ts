import type { HistoryTrade } from "@pregao/contracts";

/** First capacity of an asset's ring; doubled as the session fills, up to the ring's bound. */
const INITIAL_CAPACITY = 1024;

/**
 * One asset's trades of the current session, the newest `maxTrades` of them, in a ring of typed columns.
 *
 * Why a ring and not an array trimmed from the front: once an asset reached its bound, `trades.splice(0, 1)` on every
 * new print moved all 50,000 entries (≈ 100–140 µs a print, Node 20), so the sim's CPU climbed as one asset after another
 * filled up — from ≈ 25 % to ≈ 75 % of a core within 3 minutes at the bench's `--rate 9245`, with its output
 * unchanged. Here a print past the bound overwrites the oldest slot: O(1) whatever the history holds.
 *
 * Why columns and not objects: a full sim holds up to assets × `maxTrades` prints for the whole session; as objects
 * (≈ 150 B each, doubles boxed) they were hundreds of MB of live heap for every major GC to mark. Typed arrays sit
 * outside the traced heap at 64 B a print (every field a float64, so any integer the contract allows survives
 * exactly), and `between` builds objects only for the range a consumer asks.
 */
export class SessionTrades {
  private capacity = 0;
  /** Slot of the oldest print. */
  private head = 0;
  private count = 0;
  private tradeNumber = new Float64Array(0);
  private price = new Float64Array(0);
  private quantity = new Float64Array(0);
  private volume = new Float64Array(0);
  private ts = new Float64Array(0);
  private buyAgent = new Float64Array(0);
  private sellAgent = new Float64Array(0);
  private tradeType = new Float64Array(0);

  constructor(readonly maxTrades: number) {
    if (!(maxTrades >= 1)) throw new RangeError(`maxTrades must be at least 1 (got ${maxTrades})`);
  }

  /** Prints held (at most `maxTrades`). */
  get size(): number {
    return this.count;
  }

  /** Slots allocated (at most `maxTrades`): what the ring costs in memory. */
  get allocated(): number {
    return this.capacity;
  }

  /** Appends a print at exchange time `ts`; past `maxTrades` it replaces the oldest. */
  push(t: Omit<HistoryTrade, "ts">, ts: number): void {
    if (this.count === this.capacity && this.capacity < this.maxTrades) this.grow();
    let slot: number;
    if (this.count < this.capacity) {
      slot = (this.head + this.count) % this.capacity;
      this.count++;
    } else {
      slot = this.head;
      this.head = (this.head + 1) % this.capacity;
    }
    this.tradeNumber[slot] = t.tradeNumber;
    this.price[slot] = t.price;
    this.quantity[slot] = t.quantity;
    this.volume[slot] = t.volume;
    this.buyAgent[slot] = t.buyAgent;
    this.sellAgent[slot] = t.sellAgent;
    this.tradeType[slot] = t.tradeType;
    this.ts[slot] = ts;
  }

  /** Forgets every print (a new session); keeps the allocation for the next one. */
  clear(): void {
    this.head = 0;
    this.count = 0;
  }

  /** Appends to `out` the prints with `from <= ts < to`, oldest first. */
  between(from: number, to: number, out: HistoryTrade[]): void {
    for (let i = 0; i < this.count; i++) {
      const s = (this.head + i) % this.capacity;
      const ts = this.ts[s]!;
      if (ts < from || ts >= to) continue;
      out.push({
        tradeNumber: this.tradeNumber[s]!,
        price: this.price[s]!,
        quantity: this.quantity[s]!,
        volume: this.volume[s]!,
        buyAgent: this.buyAgent[s]!,
        sellAgent: this.sellAgent[s]!,
        tradeType: this.tradeType[s]!,
        ts,
      });
    }
  }

  /** Doubles the ring (up to `maxTrades`), unwrapping it so the oldest print is at slot 0. */
  private grow(): void {
    const next = Math.min(this.maxTrades, Math.max(INITIAL_CAPACITY, this.capacity * 2));
    const move = (old: Float64Array): Float64Array<ArrayBuffer> => {
      const fresh = new Float64Array(next);
      for (let i = 0; i < this.count; i++) fresh[i] = old[(this.head + i) % this.capacity]!;
      return fresh;
    };
    this.tradeNumber = move(this.tradeNumber);
    this.price = move(this.price);
    this.quantity = move(this.quantity);
    this.volume = move(this.volume);
    this.ts = move(this.ts);
    this.buyAgent = move(this.buyAgent);
    this.sellAgent = move(this.sellAgent);
    this.tradeType = move(this.tradeType);
    this.head = 0;
    this.capacity = next;
  }
}
