import { BookAction, BookSide, type BookLevel, type BookSides, type BookUpdate } from "@pregao/contracts";

/** One aggregated level, priced in integer ticks so the grid is exact. */
export interface TickLevel {
  ticks: number;
  quantity: number;
  count: number;
}

/** Raised when the simulator tries to break a book invariant (a bug in the market engine, never input). */
export class BookInvariantError extends Error {
  readonly code = "BOOK_INVARIANT";
  constructor(message: string) {
    super(message);
    this.name = "BookInvariantError";
  }
}

/**
 * An aggregated price-depth book (bids best-first descending, asks best-first ascending). Every mutation is recorded
 * as the protocol's `BookUpdate`, so `drain()` yields exactly the diff a consumer applies with `applyBookUpdates`.
 */
export class OrderBook {
  readonly bids: TickLevel[] = [];
  readonly asks: TickLevel[] = [];
  private pending: BookUpdate[] = [];

  constructor(private readonly toPrice: (ticks: number) => number) {}

  side(side: BookSide): TickLevel[] {
    return side === BookSide.BUY ? this.bids : this.asks;
  }

  bestBid(): number | undefined {
    return this.bids[0]?.ticks;
  }

  bestAsk(): number | undefined {
    return this.asks[0]?.ticks;
  }

  /** Position where a level at `ticks` belongs on `side`, or -1 when that price already has a level. */
  positionFor(side: BookSide, ticks: number): number {
    const list = this.side(side);
    const better = side === BookSide.BUY ? (a: number, b: number) => a > b : (a: number, b: number) => a < b;
    let i = 0;
    while (i < list.length && better(list[i]!.ticks, ticks)) i++;
    return list[i]?.ticks === ticks ? -1 : i;
  }

  /** Inserts a new price level in order; refuses a duplicate price or one that would cross the book. */
  add(side: BookSide, level: TickLevel): void {
    const position = this.positionFor(side, level.ticks);
    if (position < 0) throw new BookInvariantError(`level ${level.ticks} already exists`);
    const opposite = side === BookSide.BUY ? this.bestAsk() : this.bestBid();
    if (opposite !== undefined && (side === BookSide.BUY ? level.ticks >= opposite : level.ticks <= opposite))
      throw new BookInvariantError(`level ${level.ticks} would cross ${opposite}`);
    this.side(side).splice(position, 0, { ...level });
    this.pending.push({
      action: BookAction.ADD,
      side,
      position,
      price: this.toPrice(level.ticks),
      quantity: level.quantity,
      count: level.count,
    });
  }

  edit(side: BookSide, position: number, quantity: number, count: number): void {
    const level = this.at(side, position);
    if (quantity <= 0 || count <= 0) throw new BookInvariantError("edit needs positive quantity and count");
    level.quantity = quantity;
    level.count = count;
    this.pending.push({ action: BookAction.EDIT, side, position, quantity, count });
  }

  delete(side: BookSide, position: number): void {
    this.at(side, position);
    this.side(side).splice(position, 1);
    this.pending.push({ action: BookAction.DELETE, side, position });
  }

  /** Removes the top `position + 1` levels (a sweep). */
  deleteFrom(side: BookSide, position: number): void {
    this.at(side, position);
    this.side(side).splice(0, position + 1);
    this.pending.push({ action: BookAction.DELETE_FROM, side, position });
  }

  /** The updates recorded since the last drain, in order (one `book` message). */
  drain(): BookUpdate[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  /** The book as protocol levels (a `bookSnapshot`). */
  sides(): BookSides {
    const convert = (l: TickLevel): BookLevel => ({
      price: this.toPrice(l.ticks),
      quantity: l.quantity,
      count: l.count,
    });
    return { bids: this.bids.map(convert), asks: this.asks.map(convert) };
  }

  private at(side: BookSide, position: number): TickLevel {
    const level = this.side(side)[position];
    if (!level) throw new BookInvariantError(`no level at ${side}/${position}`);
    return level;
  }
}
