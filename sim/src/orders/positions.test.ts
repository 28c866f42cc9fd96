import { describe, expect, it } from "vitest";
import { Positions } from "./positions.ts";

const acct = { brokerId: 308, accountId: "1001" };
describe("Positions", () => {
  it("averages, realises on reductions, resets when flat and flips", () => {
    let mark = 10;
    const p = new Positions(() => mark);
    p.fill(acct, "PETR4:B", true, 100, 10, 1);
    p.fill(acct, "PETR4:B", true, 100, 12, 1);
    expect(p.list(() => true)[0]).toMatchObject({ netQuantity: 200, averagePrice: 11, unrealizedPnl: -200 });
    p.fill(acct, "PETR4:B", false, 100, 13, 1);
    expect(p.list(() => true)[0]).toMatchObject({ netQuantity: 100, averagePrice: 11, realizedPnl: 200 });
    mark = 9;
    expect(p.dailyLoss(acct)).toBe(0);
    mark = 7;
    expect(p.dailyLoss(acct)).toBe(200);
    p.fill(acct, "PETR4:B", false, 300, 8, 1);
    expect(p.list(() => true)[0]).toMatchObject({ netQuantity: -200, averagePrice: 8, realizedPnl: -100 });
    p.fill(acct, "PETR4:B", true, 200, 8, 1);
    expect(p.list(() => true)[0]).toMatchObject({ netQuantity: 0, averagePrice: null, realizedPnl: -100 });
  });

  it("applies the contract multiplier (WIN 0.2)", () => {
    const p = new Positions(() => 155_100);
    p.fill(acct, "WINZ26:F", true, 2, 155_000, 0.2);
    expect(p.list(() => true)[0]!.unrealizedPnl).toBe(40);
    p.fill(acct, "WINZ26:F", false, 2, 154_900, 0.2);
    expect(p.list(() => true)[0]!.realizedPnl).toBe(-40);
  });
});
