import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSimControl, startSim, type RunningSim, type SimControl } from "@pregao/sim";
import type { Candle, CandlesResponse } from "@pregao/contracts";
import type { RunningBff } from "../../src/server.ts";
import { call, connect, next, startTestBff, until, type ClientSocket } from "../helpers/clients.ts";
import { login } from "../helpers/session.ts";

const DAY = 86_400_000;

describe("candles against the real simulator", () => {
  let sim: RunningSim;
  let control: SimControl;
  let bff: RunningBff;
  let socket: ClientSocket | undefined;
  const candles = async (query: string): Promise<CandlesResponse> => {
    const res = await fetch(`${bff.url}/api/v1/candles?${query}`, {
      headers: { cookie: await login(bff.url, "viewer") },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as CandlesResponse;
  };

  beforeAll(async () => {
    // No organic flow (rate 0): the only trades today are the ones this test prints.
    sim = await startSim({
      heartbeatMs: 100,
      rate: 0,
      seed: 7,
      jwksUrl: () => `${bff.url}/.well-known/jwks.json`,
    });
    control = createSimControl(sim.controlUrl, "dev-control-token");
    bff = await startTestBff(sim.feedUrl, undefined);
    await until(() => bff.feed.catalog.known);
  });
  afterAll(async () => {
    socket?.disconnect();
    await bff.close();
    await sim.close();
  });

  it("serves months of daily bars from the sim's history, paged back with nextTo", async () => {
    const first = await candles("asset=PETR4:B&interval=1D&limit=60");
    expect(first.candles).toHaveLength(60);
    const times = first.candles.map((c) => c.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.at(-1)! - times[0]!).toBeGreaterThan(70 * DAY); // 60 sessions ≈ 3 months of weekdays
    for (const c of first.candles) {
      expect(c.volume).toBeGreaterThan(0);
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(new Date(c.time + 12 * 3_600_000).getUTCDay() % 6).not.toBe(0); // no weekend sessions
    }
    expect(first.nextTo).toBe(times[0]);
    const older = await candles(`asset=PETR4:B&interval=1D&limit=60&to=${first.nextTo}`);
    expect(older.candles.length).toBeGreaterThan(0);
    expect(older.candles.every((c) => c.time < first.nextTo!)).toBe(true);
  });

  it("moves the forming bar over the socket when a trade prints (sim trade-through)", async () => {
    const daily = await candles("asset=PETR4:B&interval=1D&limit=1");
    const price = daily.candles[0]!.close;
    socket = await connect(bff.url, { as: "viewer" });
    const ack = await call(socket, "candles:subscribe", { asset: "PETR4:B", interval: "1m" });
    expect(ack).toEqual({ ok: true, data: { candle: null } });
    const updated = next(socket, "candles:updated");
    await control.tradeThrough("PETR4:B", price);
    const first = await updated;
    expect(first).toMatchObject({ asset: "PETR4:B", interval: "1m", candle: { close: price } });
    const tick = Math.round(price * 100 + 1) / 100;
    const moved = next(socket, "candles:updated");
    await control.tradeThrough("PETR4:B", tick);
    const second = (await moved).candle as Candle;
    expect(second.close).toBe(tick);
    // Same minute: the bar grew; a minute boundary between the prints: a new bar opened.
    if (second.time === first.candle.time) {
      expect(second.trades).toBeGreaterThan(first.candle.trades);
      expect(second.volume).toBeGreaterThan(first.candle.volume);
    } else expect(second.time).toBeGreaterThan(first.candle.time);
    const rest = await candles("asset=PETR4:B&interval=1m&limit=1");
    expect(rest.candles.at(-1)).toEqual(second);
  });
});
