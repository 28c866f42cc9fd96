import { applyBookUpdates, isBookConsistent, TradeType, type BookSides, type Daily } from "@pregao/contracts";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundMoney } from "./daily.ts";
import { loadInstruments } from "./instruments.ts";
import { Market, UnknownAssetError, type OutboundMessage } from "./market.ts";

const clock = () => 1_795_526_100_000;
const onGrid = (price: number, tick: number) => Math.abs(price / tick - Math.round(price / tick)) < 1e-6;
const clone = (b: BookSides): BookSides => ({
  bids: b.bids.map((l) => ({ ...l })),
  asks: b.asks.map((l) => ({ ...l })),
});

describe("Market determinism", () => {
  it("replays the same messages for the same seed and step sequence", () => {
    const run = (seed: number) => {
      const m = new Market({ seed, clock });
      const out: OutboundMessage[] = [];
      for (let i = 0; i < 3000; i++) out.push(...m.step().messages);
      out.push(...m.step("WINZ26:F").messages, ...m.snapshot("PETR4:B"));
      return JSON.stringify(out);
    };
    expect(run(7)).toBe(run(7));
    expect(run(7)).not.toBe(run(8));
  });

  it("rejects an unknown asset with a typed error", () => {
    expect(() => new Market({ seed: 1, clock }).step("XXXX9:B")).toThrow(UnknownAssetError);
  });
});

describe("Market invariants over many random steps", () => {
  it("keeps books consistent, deep and reproducible from diffs; trades and daily agree", () => {
    const instruments = loadInstruments(30);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const m = new Market({ seed, clock, instruments });
        const mirrors = new Map<string, BookSides>();
        const dailies = new Map<string, Daily>();
        const tick = new Map(instruments.map((i) => [i.info.asset, i.info.tickSize]));
        for (const i of instruments) {
          mirrors.set(i.info.asset, clone(m.book(i.info.asset)));
          dailies.set(i.info.asset, m.daily(i.info.asset));
        }
        for (let step = 0; step < 1200; step++) {
          const asset = step % 2 === 0 ? instruments[step % instruments.length]!.info.asset : undefined;
          const pre = asset === undefined ? undefined : m.book(asset);
          const ev = m.step(asset);
          const mirror = mirrors.get(ev.asset)!;
          const expected = dailies.get(ev.asset)!;
          const t = tick.get(ev.asset)!;
          let tradeIndex = 0;
          for (const msg of ev.messages) {
            if (msg.type === "book") applyBookUpdates(mirror, msg.updates);
            if (msg.type === "trade") {
              const tr = msg.trade;
              expect(onGrid(tr.price, t)).toBe(true);
              expect(tr.tradeNumber).toBe(expected.trades + 1);
              expect(tr.volume).toBe(
                roundMoney(
                  tr.price *
                    tr.quantity *
                    instruments.find((i) => i.info.asset === ev.asset)!.info.contractMultiplier,
                ),
              );
              expected.trades += 1;
              expected.quantity += tr.quantity;
              expected.volume = roundMoney(expected.volume + tr.volume);
              if (tr.tradeType === TradeType.AGGRESSIVE_BUY)
                expected.volumeBuyer = roundMoney(expected.volumeBuyer + tr.volume);
              if (tr.tradeType === TradeType.AGGRESSIVE_SELL)
                expected.volumeSeller = roundMoney(expected.volumeSeller + tr.volume);
              expected.high = Math.max(expected.high, tr.price);
              expected.low = Math.min(expected.low, tr.price);
              expected.close = tr.price;
              if (pre) {
                if (tr.tradeType === TradeType.AGGRESSIVE_BUY)
                  expect(tr.price).toBe(pre.asks[tradeIndex]!.price);
                if (tr.tradeType === TradeType.AGGRESSIVE_SELL)
                  expect(tr.price).toBe(pre.bids[tradeIndex]!.price);
                if (tr.tradeType === TradeType.CROSS) {
                  expect(tr.buyAgent).toBe(tr.sellAgent);
                  expect(tr.price).toBeGreaterThanOrEqual(pre.bids[0]!.price);
                  expect(tr.price).toBeLessThanOrEqual(pre.asks[0]!.price);
                }
              }
              tradeIndex++;
            }
            if (msg.type === "daily") expect(msg.daily).toEqual(expected);
          }
          const book = m.book(ev.asset);
          expect(mirror).toEqual(book);
          expect(isBookConsistent(book)).toBe(true);
          expect(book.bids.length).toBeGreaterThanOrEqual(10);
          expect(book.asks.length).toBeGreaterThanOrEqual(10);
          // Plain checks in the hot loop: vitest's expect is too slow for ~10⁵ assertions.
          for (const l of [...book.bids, ...book.asks]) {
            if (!onGrid(l.price, t)) throw new Error(`${l.price} off the ${t} grid`);
            if (l.price < expected.minLimit || l.price > expected.maxLimit)
              throw new Error(`${l.price} out of band`);
          }
        }
      }),
      { numRuns: 16 },
    );
  });

  it("aggressive buys update only the ask side and sells only the bid side", () => {
    const m = new Market({ seed: 3, clock, instruments: loadInstruments(5) });
    let seen = 0;
    for (let i = 0; i < 3000; i++) {
      const ev = m.step();
      const trade = ev.messages.find((x) => x.type === "trade");
      const book = ev.messages.find((x) => x.type === "book");
      if (!trade || trade.type !== "trade" || !book || book.type !== "book") continue;
      if (trade.trade.tradeType === TradeType.CROSS) continue;
      const side = trade.trade.tradeType === TradeType.AGGRESSIVE_BUY ? 1 : 0;
      expect(book.updates.every((u) => u.side === side)).toBe(true);
      seen++;
    }
    expect(seen).toBeGreaterThan(500);
  });
});
