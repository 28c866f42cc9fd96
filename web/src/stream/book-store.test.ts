import { beforeEach, describe, expect, it } from "vitest";
import type { BookView } from "@pregao/contracts";
import { useBookStore } from "./book-store.ts";

const view = (over: Partial<BookView>): BookView => ({
  asset: "PETR4:B",
  bids: [{ price: 9.99, quantity: 100, count: 1 }],
  asks: [{ price: 10.01, quantity: 100, count: 1 }],
  exchangeTs: 1000,
  syncId: 1,
  ...over,
});
const held = () => useBookStore.getState().books.get("PETR4:B");

beforeEach(() => useBookStore.setState({ books: new Map() }));

describe("book store", () => {
  it("drops a late view of the same snapshot", () => {
    const { apply } = useBookStore.getState();
    apply([view({ exchangeTs: 2000 })]);
    apply([view({ exchangeTs: 1500, bids: [] })]);
    expect(held()?.exchangeTs).toBe(2000);
  });

  it("applies a resync older than its newest exchange time, and the updates after it", () => {
    const { apply } = useBookStore.getState();
    apply([view({ exchangeTs: Date.UTC(2099, 0, 1) })]); // a far-future timestamp slipped through once
    apply([view({ exchangeTs: 1000, syncId: 2, bids: [{ price: 9.98, quantity: 5, count: 1 }] })]);
    expect(held()).toMatchObject({ exchangeTs: 1000, syncId: 2, bids: [{ price: 9.98 }] });
    apply([view({ exchangeTs: 1001, syncId: 2 })]);
    expect(held()?.exchangeTs).toBe(1001);
  });
});
