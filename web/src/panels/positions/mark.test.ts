import { describe, expect, it } from "vitest";
import type { Position } from "@pregao/contracts";
import { markPosition, totals } from "./mark.ts";

const pos = (over: Partial<Position>): Position => ({
  account: { brokerId: 308, accountId: "10001" },
  asset: "WINZ26:F",
  netQuantity: 2,
  averagePrice: 128000,
  marketPrice: 128100,
  realizedPnl: 50,
  unrealizedPnl: 40,
  currency: "BRL",
  ...over,
});

describe("mark to market", () => {
  it("uses the live last × multiplier", () => {
    const m = markPosition(pos({}), 128200, 0.2);
    expect(m.unrealized).toBeCloseTo(80);
    expect(m.total).toBeCloseTo(130);
  });
  it("short positions gain when the price falls", () =>
    expect(
      markPosition(pos({ netQuantity: -100, averagePrice: 10, asset: "PETR4:B" }), 9.5, 1).unrealized,
    ).toBeCloseTo(50));
  it("falls back to the BFF mark without a quote; flat is zero", () => {
    expect(markPosition(pos({}), undefined, 0.2).unrealized).toBeCloseTo(40);
    expect(markPosition(pos({ netQuantity: 0 }), 1, 1).unrealized).toBe(0);
  });
  it("sums totals", () => {
    const rows = [markPosition(pos({}), 128200, 0.2), markPosition(pos({ realizedPnl: -20 }), 128000, 0.2)];
    expect(totals(rows)).toEqual({
      realized: 30,
      unrealized: expect.closeTo(80) as number,
      total: expect.closeTo(110) as number,
    });
  });
});
