import { BookOutOfSyncError, type BookLevel, type BookUpdate } from "@pregao/contracts";

/**
 * A book that keeps only the top `keep` levels of each side, plus the upstream's true depth of each side.
 * `bids`/`asks` are always an exact prefix of the upstream's sides; levels below them are known only by count.
 * Knowing the true depth keeps contracts' out-of-range rule exact (an update beyond the upstream's depth still means
 * the book is wrong), while updates between the kept prefix and the true depth change nothing the BFF shows.
 */
export interface BoundedBook {
  bids: BookLevel[];
  asks: BookLevel[];
  bidDepth: number;
  askDepth: number;
}

/** A snapshot cut to `keep` levels a side (the rest is dropped at once: a 90 MB full book keeps 2 × `keep`). */
export function boundedSnapshot(bids: BookLevel[], asks: BookLevel[], keep: number): BoundedBook {
  return {
    bids: bids.slice(0, keep),
    asks: asks.slice(0, keep),
    bidDepth: bids.length,
    askDepth: asks.length,
  };
}

/** A copy to apply a group to, so a group that turns out invalid leaves the original untouched. */
export function copyBook(b: BoundedBook): BoundedBook {
  return { bids: b.bids.slice(), asks: b.asks.slice(), bidDepth: b.bidDepth, askDepth: b.askDepth };
}

/**
 * Applies updates in order with contracts' semantics (docs/feed-protocol.md §book), mutating `book`. Throws
 * BookOutOfSyncError when a position is out of range for the upstream's depth, exactly as `applyBookUpdates`.
 */
export function applyBoundedUpdates(book: BoundedBook, updates: readonly BookUpdate[], keep: number): void {
  for (const u of updates) {
    const bids = u.side === 0;
    const list = bids ? book.bids : book.asks;
    const depth = bids ? book.bidDepth : book.askDepth;
    const p = u.position;
    switch (u.action) {
      case 0:
        if (p > depth) throw new BookOutOfSyncError(`add at ${p} beyond ${depth}`);
        // At or above the end of the prefix the new level is the upstream's level p: the prefix stays exact.
        if (p <= list.length) {
          list.splice(p, 0, { price: u.price, quantity: u.quantity, count: u.count });
          if (list.length > keep) list.pop();
        }
        setDepth(book, bids, depth + 1);
        break;
      case 1:
        if (p >= depth) throw new BookOutOfSyncError(`edit at ${p} beyond ${depth}`);
        if (p < list.length) list[p] = { price: list[p]!.price, quantity: u.quantity, count: u.count };
        break;
      case 2:
        if (p >= depth) throw new BookOutOfSyncError(`delete at ${p} beyond ${depth}`);
        // The level that moves up into the prefix's last slot is unknown: the prefix shrinks by one.
        if (p < list.length) list.splice(p, 1);
        setDepth(book, bids, depth - 1);
        break;
      case 8:
        if (p >= depth) throw new BookOutOfSyncError(`deleteFrom ${p} beyond ${depth}`);
        list.splice(0, p + 1);
        setDepth(book, bids, depth - (p + 1));
        break;
    }
  }
}

function setDepth(book: BoundedBook, bids: boolean, depth: number): void {
  if (bids) book.bidDepth = depth;
  else book.askDepth = depth;
}

/**
 * False when a side shows fewer than `view` levels while the upstream has more: deletes drained the kept prefix
 * and the levels that moved up are unknown. The book is true but short; only a snapshot can refill it.
 */
export function coversView(book: BoundedBook, view: number): boolean {
  return (
    book.bids.length >= Math.min(book.bidDepth, view) && book.asks.length >= Math.min(book.askDepth, view)
  );
}
