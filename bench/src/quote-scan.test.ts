import { describe, expect, it } from "vitest";
import type { Quote } from "@pregao/contracts";
import { QUOTES_FRAME_HEAD, quoteTimes, scanQuoteTimes } from "./quote-scan.ts";

const quote = (asset: string, exchangeTs: number, receivedAt: number): Quote => ({
  asset,
  last: 31.47,
  previousClose: 32.01,
  change: -0.54,
  changePct: -1.687,
  open: 31.9,
  high: 32.2,
  low: 31.1,
  bid: 31.46,
  bidQty: 1200,
  ask: 31.48,
  askQty: 300,
  volume: 123456789.5,
  quantity: 4567800,
  trades: 20345,
  lastTradeAt: exchangeTs - 3,
  tickerState: 0,
  exchangeTs,
  receivedAt,
});

const frame = (quotes: Quote[]) => `${QUOTES_FRAME_HEAD}${JSON.stringify(quotes)}]`;

describe("scanQuoteTimes", () => {
  it("reads every quote's exchangeTs and receivedAt exactly as JSON.parse does", () => {
    const quotes = Array.from({ length: 20 }, (_, i) =>
      quote(`AS${i}3`, 1_764_800_000_000 + i * 7, 1_764_800_000_005 + i * 11),
    );
    const text = frame(quotes);
    const [, parsed] = JSON.parse(text.slice(2)) as [string, Quote[]];
    const out = quoteTimes();
    expect(scanQuoteTimes(text, out)).toBe(true);
    expect(out.count).toBe(parsed.length);
    expect(out.exchangeTs.slice(0, out.count)).toEqual(parsed.map((q) => q.exchangeTs));
    expect(out.receivedAt.slice(0, out.count)).toEqual(parsed.map((q) => q.receivedAt));
  });

  it("reuses its output: a shorter frame after a longer one reports only its own quotes", () => {
    const out = quoteTimes();
    scanQuoteTimes(frame([quote("A", 1, 2), quote("B", 3, 4), quote("C", 5, 6)]), out);
    expect(scanQuoteTimes(frame([quote("D", 7, 8)]), out)).toBe(true);
    expect(out.count).toBe(1);
    expect([out.exchangeTs[0], out.receivedAt[0]]).toEqual([7, 8]);
  });

  it("refuses other events and quotes whose times it cannot read (the caller parses those in full)", () => {
    const out = quoteTimes();
    expect(scanQuoteTimes('42["book:updated",[{"exchangeTs":1,"receivedAt":2}]]', out)).toBe(false);
    expect(scanQuoteTimes(`${QUOTES_FRAME_HEAD}[{"exchangeTs":null,"receivedAt":2}]]`, out)).toBe(false);
    expect(
      scanQuoteTimes(`${QUOTES_FRAME_HEAD}[{"exchangeTs":1},{"exchangeTs":2,"receivedAt":3}]]`, out),
    ).toBe(false);
    expect(scanQuoteTimes(`${QUOTES_FRAME_HEAD}[{"exchangeTs":1}]]`, out)).toBe(false);
  });

  it("reads an empty batch as zero quotes", () => {
    const out = quoteTimes();
    expect(scanQuoteTimes(`${QUOTES_FRAME_HEAD}[]]`, out)).toBe(true);
    expect(out.count).toBe(0);
  });
});
