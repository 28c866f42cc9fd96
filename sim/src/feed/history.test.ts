import { HISTORY_PACKET_MAX_TRADES, type FeedMessageOf } from "@pregao/contracts";
import { afterEach, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../index.ts";
import { historyPackets } from "./history-reply.ts";
import { connect, type TestClient } from "./testing.ts";

const TOKEN = "t-feed";
const DAY = 24 * 60 * 60 * 1000;
let sim: RunningSim | undefined;
let client: TestClient | undefined;

afterEach(async () => {
  client?.ws.terminate();
  await sim?.close();
  sim = client = undefined;
});

async function request(seed: number, days: number, reqId: string) {
  sim ??= await startSim({ port: 0, feedToken: TOKEN, rate: 0, seed });
  client ??= await connect(sim.feedUrl, TOKEN);
  const to = Date.now();
  client.send({ type: "getHistoryTrades", reqId, asset: "PETR4:B", from: to - days * DAY, to });
  await client.next((m) => m.type === "historyTrades" && m.reqId === reqId && m.last, 10_000);
  return client.messages.filter(
    (m): m is FeedMessageOf<"historyTrades"> => m.type === "historyTrades" && m.reqId === reqId,
  );
}

describe("getHistoryTrades", () => {
  it("answers in bounded packets, oldest first, with last only on the final one", async () => {
    const packets = await request(1, 30, "h1");
    expect(packets.length).toBeGreaterThan(1);
    expect(packets.map((p) => p.last)).toEqual(packets.map((_, i) => i === packets.length - 1));
    expect(packets.every((p) => p.trades.length <= HISTORY_PACKET_MAX_TRADES)).toBe(true);
    const ts = packets.flatMap((p) => p.trades.map((t) => t.ts));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
  });

  it("answers an empty range with one empty last packet and an unknown asset with invalidTicker", async () => {
    sim = await startSim({ port: 0, feedToken: TOKEN, rate: 0 });
    client = await connect(sim.feedUrl, TOKEN);
    client.send({ type: "getHistoryTrades", reqId: "e", asset: "PETR4:B", from: 0, to: 1000 });
    expect(await client.next((m) => m.type === "historyTrades")).toMatchObject({
      reqId: "e",
      trades: [],
      last: true,
    });
    client.send({ type: "getHistoryTrades", reqId: "x", asset: "NOPE3:B", from: 0, to: 1000 });
    expect(await client.next((m) => m.type === "invalidTicker")).toMatchObject({
      reqId: "x",
      asset: "NOPE3:B",
    });
  });

  it("splits into packets of at most the bound, and an empty list into one empty packet", () => {
    const t = {
      tradeNumber: 1,
      price: 1,
      quantity: 1,
      volume: 1,
      buyAgent: 1,
      sellAgent: 1,
      tradeType: 2,
      ts: 0,
    };
    expect(
      historyPackets(
        Array.from({ length: 5 }, () => t),
        2,
      ).map((p) => p.length),
    ).toEqual([2, 2, 1]);
    expect(historyPackets([])).toEqual([[]]);
  });
});
