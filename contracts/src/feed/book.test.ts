import { describe, expect, it } from "vitest";
import { applyBookUpdates, BookOutOfSyncError, isBookConsistent, type BookSides } from "./book.ts";

const lv = (price: number, quantity = 100, count = 1) => ({ price, quantity, count });
const book = (): BookSides => ({
  bids: [lv(10), lv(9.99), lv(9.98)],
  asks: [lv(10.01), lv(10.02), lv(10.03)],
});

describe("applyBookUpdates", () => {
  it("adds at a position, shifting deeper levels down", () => {
    const b = book();
    applyBookUpdates(b, [{ action: 0, side: 0, position: 0, price: 10.005, quantity: 5, count: 1 }]);
    expect(b.bids.map((l) => l.price)).toEqual([10.005, 10, 9.99, 9.98]);
  });

  it("edits quantity and count with absolute values, keeping the price", () => {
    const b = book();
    applyBookUpdates(b, [{ action: 1, side: 1, position: 1, quantity: 700, count: 3 }]);
    expect(b.asks[1]).toEqual(lv(10.02, 700, 3));
  });

  it("deletes one level and deleteFrom sweeps the top position+1 levels", () => {
    const b = book();
    applyBookUpdates(b, [
      { action: 2, side: 0, position: 1 },
      { action: 8, side: 1, position: 1 },
    ]);
    expect(b.bids.map((l) => l.price)).toEqual([10, 9.98]);
    expect(b.asks.map((l) => l.price)).toEqual([10.03]);
  });

  it("applies updates in order, each to the result of the previous", () => {
    const b = book();
    applyBookUpdates(b, [
      { action: 8, side: 1, position: 0 },
      { action: 1, side: 1, position: 0, quantity: 1, count: 1 },
    ]);
    expect(b.asks[0]).toEqual(lv(10.02, 1, 1));
  });

  it.each([
    { action: 1, side: 0, position: 3, quantity: 1, count: 1 },
    { action: 2, side: 1, position: 3 },
    { action: 8, side: 0, position: 5 },
    { action: 0, side: 0, position: 4, price: 1, quantity: 1, count: 1 },
  ] as const)("throws BookOutOfSyncError for an impossible position (%o)", (u) => {
    expect(() => applyBookUpdates(book(), [u])).toThrow(BookOutOfSyncError);
  });
});

describe("isBookConsistent", () => {
  it("accepts a sorted, uncrossed book and rejects a crossed or unsorted one", () => {
    expect(isBookConsistent(book())).toBe(true);
    expect(isBookConsistent({ bids: [lv(10.02)], asks: [lv(10.01)] })).toBe(false);
    expect(isBookConsistent({ bids: [lv(9), lv(9.5)], asks: [] })).toBe(false);
  });
});
