import type { BookLevel, BookUpdate } from "./messages.ts";

/**
 * The reference semantics of `book` messages (docs/feed-protocol.md §book). It lives in contracts because it is part
 * of the protocol's definition: the simulator checks its diffs against it and the BFF maintains its books with it.
 */
export interface BookSides {
  bids: BookLevel[];
  asks: BookLevel[];
}

/** Raised when an update does not fit the consumer's book; the consumer must resync the asset. */
export class BookOutOfSyncError extends Error {
  readonly code = "BOOK_OUT_OF_SYNC";
  constructor(message: string) {
    super(message);
    this.name = "BookOutOfSyncError";
  }
}

/** Applies updates in order, mutating `book`. Throws BookOutOfSyncError on an impossible position. */
export function applyBookUpdates(book: BookSides, updates: readonly BookUpdate[]): void {
  for (const u of updates) {
    const list = u.side === 0 ? book.bids : book.asks;
    switch (u.action) {
      case 0:
        if (u.position > list.length)
          throw new BookOutOfSyncError(`add at ${u.position} beyond ${list.length}`);
        list.splice(u.position, 0, { price: u.price, quantity: u.quantity, count: u.count });
        break;
      case 1: {
        const level = list[u.position];
        if (!level) throw new BookOutOfSyncError(`edit at ${u.position} beyond ${list.length}`);
        list[u.position] = { price: level.price, quantity: u.quantity, count: u.count };
        break;
      }
      case 2:
        if (u.position >= list.length)
          throw new BookOutOfSyncError(`delete at ${u.position} beyond ${list.length}`);
        list.splice(u.position, 1);
        break;
      case 8:
        if (u.position >= list.length)
          throw new BookOutOfSyncError(`deleteFrom ${u.position} beyond ${list.length}`);
        list.splice(0, u.position + 1);
        break;
    }
  }
}

/** True when both sides are sorted best-first and the best bid is below the best ask. */
export function isBookConsistent(book: BookSides): boolean {
  for (let i = 1; i < book.bids.length; i++) if (book.bids[i]!.price >= book.bids[i - 1]!.price) return false;
  for (let i = 1; i < book.asks.length; i++) if (book.asks[i]!.price <= book.asks[i - 1]!.price) return false;
  const bid = book.bids[0];
  const ask = book.asks[0];
  return !bid || !ask || bid.price < ask.price;
}
