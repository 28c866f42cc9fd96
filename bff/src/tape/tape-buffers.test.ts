import { describe, expect, it, vi } from "vitest";
import type { HistoryTrade } from "@pregao/contracts";
import { HistoryUnavailableError } from "../upstream/history-jobs.ts";
import { TapeBuffers, type TapeBuffersDeps } from "./tape-buffers.ts";
import type { TapeTrade } from "./trade-ring.ts";

/** 2026-12-03 14:00 São Paulo (session opened at 10:00). */
const NOW = Date.UTC(2026, 11, 3, 17, 0, 0);
const hist = (n: number, ts: number): HistoryTrade => ({
  tradeNumber: n,
  price: 10,
  quantity: 100,
  volume: 1000,
  buyAgent: 3,
  sellAgent: 8,
  tradeType: 2,
  ts,
});
const live = (n: number, ts: number): TapeTrade => ({ ...hist(n, ts), edit: false });

function fixture(history: TapeBuffersDeps["history"], depth = 5) {
  let listener: Parameters<TapeBuffersDeps["onTrade"]>[0] = () => undefined;
  const held = new Map<string, string>();
  const now = { t: NOW };
  const deps: TapeBuffersDeps = {
    history,
    onTrade: (l) => {
      listener = l;
      return { dispose: () => undefined };
    },
    hold: (consumer, asset) => held.set(consumer, asset),
    release: (consumer) => held.delete(consumer),
    now: () => now.t,
  };
  const tape = new TapeBuffers(deps, { depth, maxAssets: 2, idleMs: 60_000, historyWaitMs: 200 });
  return { tape, held, now, push: (asset: string, t: TapeTrade) => listener({ asset, trade: t }) };
}

describe("TapeBuffers", () => {
  it("fills from today's history newest steps first, stops once full, and merges live trades without duplicates", async () => {
    const calls: Array<[number, number]> = [];
    // 20 trades in the last two minutes; the first step is enough for a depth of 5.
    const all = Array.from({ length: 20 }, (_, i) => hist(i + 1, NOW - 100_000 + i * 5000));
    const { tape, push, held } = fixture(async (_a, from, to) => {
      calls.push([from, to]);
      return all.filter((t) => t.ts >= from && t.ts < to);
    });
    const keep = tape.retain("PETR4:B");
    expect(held.get("tape/PETR4:B")).toBe("PETR4:B");
    push("PETR4:B", live(20, all[19]!.ts)); // live copy of history's newest: counted once
    push("PETR4:B", live(21, NOW + 10));
    const snap = await tape.snapshot("PETR4:B");
    expect(snap.history).toBe("complete");
    expect(snap.trades.map((t) => t.tradeNumber)).toEqual([17, 18, 19, 20, 21]);
    expect(calls).toEqual([[NOW - 120_000, NOW + 60_000]]);
    keep.dispose();
    tape.dispose();
  });

  it("steps back to the session's start (never yesterday) when the market is quiet", async () => {
    const calls: Array<[number, number]> = [];
    const { tape } = fixture(async (_a, from, to) => {
      calls.push([from, to]);
      return [];
    });
    const snap = await tape.snapshot("VALE3:B");
    expect(snap).toEqual({ asset: "VALE3:B", trades: [], history: "complete" });
    const dayStart = Date.UTC(2026, 11, 3, 3, 0, 0); // 00:00 São Paulo
    expect(calls.map((c) => c[0])).toEqual([NOW - 120_000, NOW - 1_800_000, dayStart]);
    expect(calls.at(-1)![1]).toBe(NOW - 1_800_000);
    tape.dispose();
  });

  it("history down: the snapshot says unavailable with the live prints it has; the next snapshot retries", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    try {
      let up = false;
      const { tape, push } = fixture(async () => {
        if (!up) throw new HistoryUnavailableError("feed closed");
        return [hist(1, NOW - 5000)];
      });
      push("PETR4:B", live(2, NOW)); // no buffer yet: not kept
      tape.retain("PETR4:B");
      push("PETR4:B", live(2, NOW));
      const down = await tape.snapshot("PETR4:B");
      expect(down.history).toBe("unavailable");
      expect(down.trades.map((t) => t.tradeNumber)).toEqual([2]);
      up = true;
      const back = await tape.snapshot("PETR4:B");
      expect(back.history).toBe("complete");
      expect(back.trades.map((t) => t.tradeNumber)).toEqual([1, 2]);
      tape.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it("a slow history answers unavailable after historyWaitMs; `loaded` resolves when it lands", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const { tape } = fixture(() => gate.then(() => [hist(1, NOW - 1000)]));
    const snap = await tape.snapshot("PETR4:B");
    expect(snap.history).toBe("unavailable");
    const later = tape.loaded("PETR4:B");
    release();
    expect(await later).toBe(true);
    expect((await tape.snapshot("PETR4:B")).trades).toHaveLength(1);
    tape.dispose();
  });

  it("bounded: at maxAssets the least recently used unretained buffer goes; idle ones are swept", async () => {
    const { tape, held, now } = fixture(async () => []);
    const a = tape.retain("A1:B");
    await tape.snapshot("B1:B");
    now.t += 1000;
    await tape.snapshot("C1:B"); // evicts B1 (A1 is retained)
    expect([...held.values()].sort()).toEqual(["A1:B", "C1:B"]);
    a.dispose();
    now.t += 120_000;
    tape.sweep();
    expect(tape.size).toBe(0);
    expect(held.size).toBe(0);
    tape.dispose();
  });
});
