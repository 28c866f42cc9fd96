import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { applyBookUpdates, BookOutOfSyncError, type BookLevel, type BookUpdate } from "@pregao/contracts";
import { applyBoundedUpdates, boundedSnapshot, coversView } from "./bounded-book.ts";

const level = (price: number): BookLevel => ({ price, quantity: 100, count: 1 });
const side = (n: number, from = 100): BookLevel[] => Array.from({ length: n }, (_, i) => level(from - i));

describe("bounded book", () => {
  it("keeps the top levels of a deep snapshot and its true depth", () => {
    const b = boundedSnapshot(side(10_000), side(3), 30);
    expect(b).toMatchObject({ bidDepth: 10_000, askDepth: 3 });
    expect(b.bids).toHaveLength(30);
    expect(b.asks).toHaveLength(3);
  });

  it("applies updates beyond the kept levels as invisible, and refuses positions beyond the true depth", () => {
    const b = boundedSnapshot(side(100), [], 5);
    const top = b.bids.slice();
    applyBoundedUpdates(
      b,
      [
        { action: 0, side: 0, position: 50, price: 50.5, quantity: 1, count: 1 },
        { action: 1, side: 0, position: 80, quantity: 7, count: 1 },
        { action: 2, side: 0, position: 99 },
      ],
      5,
    );
    expect(b.bids).toEqual(top);
    expect(b.bidDepth).toBe(100);
    expect(() => applyBoundedUpdates(b, [{ action: 2, side: 0, position: 100 }], 5)).toThrow(
      BookOutOfSyncError,
    );
  });

  it("shrinks on deletes near the top and says when the view is no longer covered", () => {
    const b = boundedSnapshot(side(100), [], 12);
    for (let i = 0; i < 2; i++) applyBoundedUpdates(b, [{ action: 2, side: 0, position: 0 }], 12);
    expect(b.bids).toHaveLength(10);
    expect(coversView(b, 10)).toBe(true);
    applyBoundedUpdates(b, [{ action: 8, side: 0, position: 0 }], 12);
    expect(coversView(b, 10)).toBe(false);
    const thin = boundedSnapshot(side(4), [], 12);
    applyBoundedUpdates(thin, [{ action: 2, side: 0, position: 0 }], 12);
    expect(coversView(thin, 10)).toBe(true);
  });

  it("is always an exact prefix of the full book (property)", () => {
    const update = fc.record({
      action: fc.constantFrom(0, 1, 2, 8),
      side: fc.constantFrom(0, 1),
      position: fc.integer({ min: 0, max: 60 }),
      price: fc.integer({ min: 1, max: 1000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(update, { maxLength: 60 }),
        (nb, na, keep, raw) => {
          const full = { bids: side(nb), asks: side(na, 200) };
          const kept = boundedSnapshot(full.bids.slice(), full.asks.slice(), keep);
          for (const r of raw) {
            const u = toUpdate(r);
            let fullError = false;
            try {
              applyBookUpdates(full, [u]);
            } catch {
              fullError = true;
            }
            if (fullError) {
              expect(() => applyBoundedUpdates(kept, [u], keep)).toThrow(BookOutOfSyncError);
              return;
            }
            applyBoundedUpdates(kept, [u], keep);
            expect(kept.bids).toEqual(full.bids.slice(0, kept.bids.length));
            expect(kept.asks).toEqual(full.asks.slice(0, kept.asks.length));
            expect([kept.bidDepth, kept.askDepth]).toEqual([full.bids.length, full.asks.length]);
            expect(kept.bids.length).toBeLessThanOrEqual(keep);
          }
        },
      ),
    );
  });
});

function toUpdate(r: { action: number; side: number; position: number; price: number }): BookUpdate {
  const base = { side: r.side as 0 | 1, position: r.position };
  if (r.action === 0) return { ...base, action: 0, price: r.price, quantity: 5, count: 1 };
  if (r.action === 1) return { ...base, action: 1, quantity: 9, count: 2 };
  return { ...base, action: r.action as 2 | 8 };
}
