import { describe, expect, it } from "vitest";
import { prependPrints, replaceWithSnapshot, useTapeStore, type TapePrint } from "./tape-store.ts";

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

describe("tape snapshot", () => {
  const numbers = (tape: readonly TapePrint[]) => tape.map((p) => p.tradeNumber);

  it("replaces what the tape held, keeping live prints newer than the snapshot (no gap, no duplicate)", () => {
    // Held: an old print from before a reload/asset switch (1) and live prints that beat the snapshot (9, 10).
    const held = prependPrints([], [t(1), t(9), t(10)]);
    const snap = [t(6), t(7), t(8), t(9)];
    expect(numbers(replaceWithSnapshot(held, snap))).toEqual([10, 9, 8, 7, 6]);
  });

  it("live batches after the snapshot skip prints it already had (the seam)", () => {
    const tape = replaceWithSnapshot([], [t(1), t(2), t(3)]);
    expect(numbers(prependPrints(tape, [t(3), t(4)]))).toEqual([4, 3, 2, 1]);
  });

  it("an empty snapshot keeps the live prints; the result is bounded", () => {
    expect(numbers(replaceWithSnapshot(prependPrints([], [t(5)]), []))).toEqual([5]);
    const big = Array.from({ length: 20 }, (_, i) => t(i));
    expect(numbers(replaceWithSnapshot([], big, 3))).toEqual([19, 18, 17]);
  });

  it("the store applies a snapshot and its history state; remove forgets both", () => {
    const s = useTapeStore.getState();
    s.append([{ asset: "PETR4:B", trades: [t(1)] }]);
    s.applySnapshot({ asset: "PETR4:B", trades: [t(4), t(5)], history: "unavailable" });
    expect(numbers(useTapeStore.getState().tapes.get("PETR4:B")!)).toEqual([5, 4]);
    expect(useTapeStore.getState().histories.get("PETR4:B")).toBe("unavailable");
    s.remove(["PETR4:B"]);
    expect(useTapeStore.getState().tapes.has("PETR4:B")).toBe(false);
    expect(useTapeStore.getState().histories.has("PETR4:B")).toBe(false);
  });
});
