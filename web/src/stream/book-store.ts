import { create } from "zustand";
import type { BookView } from "@pregao/contracts";

interface BookState {
  books: ReadonlyMap<string, BookView>;
  apply(batch: Iterable<BookView>): void;
  remove(assets: Iterable<string>): void;
}

export const useBookStore = create<BookState>()((set) => ({
  books: new Map(),
  apply: (batch) =>
    set((s) => {
      const next = new Map(s.books);
      for (const b of batch) {
        const prev = next.get(b.asset);
        if (!prev || prev.exchangeTs <= b.exchangeTs) next.set(b.asset, b);
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
