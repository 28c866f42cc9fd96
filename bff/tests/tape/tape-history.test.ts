import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimControl, startSim, type RunningSim, type SimControl } from "@pregao/sim";
import { tradeIdentity, type TradeBatch, type TradeSnapshot } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";

type Print = TradeBatch["trades"][number];

/** What a browser's tape holds: the snapshot, then live batches; a print in both counts once. */
function tapeOf(socket: ClientSocket, asset: string) {
  const seen = new Map<string, Print>();
  const dupes: string[] = [];
  socket.on("trades:snapshot", (s: TradeSnapshot) => {
    if (s.asset === asset) for (const t of s.trades) seen.set(tradeIdentity(t), t);
  });
  socket.on("trades:added", (batches: TradeBatch[]) => {
    for (const b of batches.filter((x) => x.asset === asset))
      for (const t of b.trades) {
        if (seen.has(tradeIdentity(t))) dupes.push(tradeIdentity(t));
        seen.set(tradeIdentity(t), t);
      }
  });
  return { numbers: () => [...seen.values()].map((t) => t.tradeNumber).sort((a, b) => a - b), dupes };
}

describe("the tape fills from history (real sockets, real simulator)", () => {
  let sim: RunningSim;
  let control: SimControl;
  let bff: RunningBff;
  const sockets: ClientSocket[] = [];
  let price = 0;
  const print = async (n: number) => {
    for (let i = 0; i < n; i++) {
      price = Math.round(price * 100 + (i % 2 ? -1 : 1)) / 100;
      await control.tradeThrough("PETR4:B", price);
    }
  };

  beforeAll(async () => {
    // No organic flow: the only trades today are the ones this test prints.
    sim = await startSim({
      heartbeatMs: 100,
      rate: 0,
      seed: 7,
      jwksUrl: () => `${bff.url}/.well-known/jwks.json`,
    });
    control = createSimControl(sim.controlUrl, "dev-control-token");
    bff = await startTestBff(sim.feedUrl, undefined);
    await until(() => bff.feed.catalog.known);
    const probe = await connect(bff.url, { as: "viewer" });
    sockets.push(probe);
    const ack = await call(probe, "quotes:subscribe", { assets: ["PETR4:B"] });
    price = ack.data.quotes[0].last ?? ack.data.quotes[0].previousClose;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await bff.close();
    await sim.close();
  });

  it("a subscriber gets trades printed before it subscribed as a snapshot, then live ones with no gap or duplicate", async () => {
    await print(3);
    const a = await connect(bff.url, { as: "viewer" });
    sockets.push(a);
    const tape = tapeOf(a, "PETR4:B");
    const snap = next(a, "trades:snapshot");
    expect(await call(a, "trades:subscribe", { assets: ["PETR4:B"] })).toEqual({
      ok: true,
      data: { assets: ["PETR4:B"] },
    });
    const first = await snap;
    expect(first.history).toBe("complete");
    const before = first.trades.map((t) => t.tradeNumber);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before).toEqual([...before].sort((x, y) => x - y));
    await print(2);
    const last = Math.max(...before);
    await until(() => tape.numbers().some((n) => n > last));
    await until(() => tape.numbers().at(-1)! >= last + 2);
    const all = tape.numbers();
    expect(all).toEqual(Array.from({ length: all.length }, (_, i) => all[0]! + i)); // contiguous: no gap
    expect(tape.dupes).toEqual([]);
  });

  it("a second client (a reload) gets the shared buffer at once: every print so far, newest included", async () => {
    const b = await connect(bff.url, { as: "trader" });
    sockets.push(b);
    const snap = next(b, "trades:snapshot");
    await call(b, "trades:subscribe", { assets: ["PETR4:B"] });
    const got = await snap;
    expect(got.history).toBe("complete");
    const numbers = got.trades.map((t) => t.tradeNumber);
    expect(numbers.length).toBeGreaterThanOrEqual(5);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers[0]! + i));
  });

  it("history not available (upstream silent): the snapshot says `unavailable` instead of looking empty-and-live", async () => {
    const c = await connect(bff.url, { as: "viewer" });
    sockets.push(c);
    await control.blackhole(true);
    try {
      const snap = next(c, "trades:snapshot", () => true, 10_000);
      await call(c, "trades:subscribe", { assets: ["VALE3:B"] });
      expect(await snap).toMatchObject({ asset: "VALE3:B", history: "unavailable" });
    } finally {
      await control.blackhole(false);
    }
  });
});
