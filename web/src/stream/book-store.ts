import { create } from "zustand";
import type { BookView } from "@pregao/contracts";

interface BookState {
  books: ReadonlyMap<string, BookView>;
  apply(batch: Iterable<BookView>): void;
  remove(assets: Iterable<string>): void;
}

/**
 * Whether `next` replaces `prev`. Exchange times compare only within one upstream snapshot (`syncId`): a view from
 * another snapshot — a resync — always replaces, even when its exchange time is older (after a far-future timestamp
 * the store would otherwise drop every later book as "older" and the depth panel would freeze until a reload). Within
 * one snapshot an older view is a late one (a conflated update overtaken by the subscribe snapshot) and is dropped.
 */
export function isNewerBook(prev: BookView, next: BookView): boolean {
  return prev.syncId !== next.syncId || prev.exchangeTs <= next.exchangeTs;
}

export const useBookStore = create<BookState>()((set) => ({
  books: new Map(),
  apply: (batch) =>
    set((s) => {
      const next = new Map(s.books);
      for (const b of batch) {
        const prev = next.get(b.asset);
        if (!prev || isNewerBook(prev, b)) next.set(b.asset, b);
      }
      return { books: next };
    }),
  remove: (assets) =>
    set((s) => {
      const next = new Map(s.books);
      for (const a of assets) next.delete(a);
      return { books: next };
    }),
}));

export const useBook = (asset: string): BookView | undefined => useBookStore((s) => s.books.get(asset));
