import { describe, expect, it } from "vitest";
import { prependPrints, type TapePrint } from "./tape-store.ts";

const t = (n: number, edit = false): TapePrint => ({
  tradeNumber: n,
  price: 10,
  quantity: 100,
  volume: 1000,
  buyAgent: 1,
  sellAgent: 2,
  tradeType: 2,
  edit,
  ts: n,
});

describe("tape", () => {
  it("puts the newest first and stays bounded", () => {
    let tape: TapePrint[] = [];
    for (let i = 0; i < 10; i++) tape = prependPrints(tape, [t(i * 2), t(i * 2 + 1)], 5);
    expect(tape.map((p) => p.tradeNumber)).toEqual([19, 18, 17, 16, 15]);
  });
  it("skips edits of printed trades", () => expect(prependPrints([], [t(1), t(1, true)])).toHaveLength(1));
});
