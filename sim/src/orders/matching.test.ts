import { randomUUID } from "node:crypto";
import {
  applyBookUpdates,
  isBookConsistent,
  type BookSides,
  type ServiceTokenClaims,
  type Trade,
} from "@pregao/contracts";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadInstruments } from "../market/instruments.ts";
import { Market, type MarketEvent } from "../market/market.ts";
import { OrderManager } from "./order-manager.ts";

const ACCT = { brokerId: 308, accountId: "1001" };
const claims: ServiceTokenClaims = {
  iss: "pregao-bff",
  aud: "order-manager",
  sub: "u",
  jti: "12345678",
  iat: 0,
  exp: 30,
  roles: ["trader"],
  accounts: [ACCT],
};

function setup() {
  const market = new Market({ seed: 3, clock: () => 1_700_000_000_000, instruments: loadInstruments(3) });
  const asset = "PETR4:B";
  const events: MarketEvent[] = [];
  const mirror: BookSides = structuredClone(market.book(asset));
  const m = new OrderManager({
    market,
    clock: () => 1_700_000_000_000,
    log: pino({ level: "silent" }),
    publish: (e) => events.push(e),
  });
  m.risk.update({ maxPositionSize: { [asset]: 10_000_000 } }, "test");
  const trades = () =>
    events.flatMap((e) => e.messages.flatMap((x) => (x.type === "trade" ? [x.trade] : [])));
  const sync = () => {
    for (const e of events.splice(0))
      for (const x of e.messages) if (x.type === "book") applyBookUpdates(mirror, x.updates);
  };
  const submit = (o: Record<string, unknown>) =>
    m.submit(claims, {
      account: ACCT,
      asset,
      side: "BUY",
      type: "MARKET",
      quantity: 100,
      timeInForce: "DAY",
      idempotencyKey: randomUUID(),
      ...o,
    } as never).order;
  return { market, asset, m, events, trades, mirror, sync, submit };
}

describe("matching", () => {
  it("a market order walks the book level by level with our broker as buyer; book and daily stay consistent", () => {
    const t = setup();
    const asks = t.market.book(t.asset).asks;
    const qty = asks[0]!.quantity + asks[1]!.quantity + 100;
    const before = t.market.daily(t.asset);
    const o = t.submit({ quantity: qty });
    const printed: Trade[] = t.trades();
    expect(o).toMatchObject({ status: "FILLED", filledQuantity: qty });
    expect(printed.map((x) => x.price)).toEqual([asks[0]!.price, asks[1]!.price, asks[2]!.price]);
    expect(printed.every((x) => x.buyAgent === 308 && x.tradeType === 2)).toBe(true);
    t.sync();
    expect(t.mirror).toEqual(t.market.book(t.asset));
    expect(isBookConsistent(t.market.book(t.asset))).toBe(true);
    const after = t.market.daily(t.asset);
    expect(after.trades - before.trades).toBe(printed.length);
    expect(after.quantity - before.quantity).toBe(qty);
    expect(after.close).toBe(printed.at(-1)!.price);
  });

  it("a marketable limit fills up to its price and rests the rest; IOC cancels it; FOK is all or nothing", () => {
    const t = setup();
    const ask = t.market.book(t.asset).asks[0]!;
    const limit = t.submit({ type: "LIMIT", price: ask.price, quantity: ask.quantity + 200 });
    expect(limit).toMatchObject({
      status: "PARTIALLY_FILLED",
      filledQuantity: ask.quantity,
      profitDllStatus: 1,
    });
    const ask2 = t.market.book(t.asset).asks[0]!;
    const ioc = t.submit({
      type: "LIMIT",
      price: ask2.price,
      quantity: ask2.quantity + 100,
      timeInForce: "IOC",
    });
    expect(ioc).toMatchObject({ status: "CANCELED", profitDllStatus: 15, filledQuantity: ask2.quantity });
    const ask3 = t.market.book(t.asset).asks[0]!;
    const fok = t.submit({
      type: "LIMIT",
      price: ask3.price,
      quantity: ask3.quantity + 100,
      timeInForce: "FOK",
    });
    expect(fok).toMatchObject({ status: "CANCELED", profitDllStatus: 4, filledQuantity: 0 });
    const fok2 = t.submit({ type: "LIMIT", price: ask3.price, quantity: ask3.quantity, timeInForce: "FOK" });
    expect(fok2.status).toBe("FILLED");
  });

  it("a resting limit fills when the market trades at or through it; stop-limit triggers on the stop", () => {
    const t = setup();
    const bid = t.market.book(t.asset).bids[0]!.price;
    const resting = t.submit({ type: "LIMIT", price: Math.round((bid - 0.05) * 100) / 100, quantity: 200 });
    const stop = t.submit({
      type: "STOP_LIMIT",
      side: "SELL",
      quantity: 100,
      stopPrice: Math.round((bid - 0.1) * 100) / 100,
      price: Math.round((bid - 0.3) * 100) / 100,
    });
    expect(resting.status).toBe("SUBMITTED");
    expect(stop.status).toBe("SUBMITTED");
    for (let i = 0; i < 5000 && t.m.get(stop.orderId)!.status === "SUBMITTED"; i++)
      t.events.push(t.market.step(t.asset));
    expect(t.m.get(resting.orderId)!.status).toBe("FILLED");
    expect(t.m.get(stop.orderId)!.filledQuantity).toBeGreaterThan(0);
    t.sync();
    expect(t.mirror).toEqual(t.market.book(t.asset));
    expect(isBookConsistent(t.market.book(t.asset))).toBe(true);
    expect(t.m.positionsOf(ACCT)[0]!.netQuantity).toBe(200 - t.m.get(stop.orderId)!.filledQuantity);
  });

  it("the session tick expires DAY orders when trading hours close, and only then", () => {
    const market = new Market({ seed: 3, clock: () => now, instruments: loadInstruments(3) });
    // 2026-11-24 17:59:00 in America/Sao_Paulo (UTC-3)
    let now = Date.UTC(2026, 10, 24, 20, 59);
    const m = new OrderManager({
      market,
      clock: () => now,
      log: pino({ level: "silent" }),
      publish: () => {},
    });
    m.risk.update(
      {
        maxPositionSize: { "PETR4:B": 10_000_000 },
        tradingHours: { start: "09:00", end: "18:00", alwaysOpen: false },
      },
      "test",
    );
    const bid = market.book("PETR4:B").bids[5]!.price;
    const base = { account: ACCT, asset: "PETR4:B", side: "BUY", type: "LIMIT", price: bid, quantity: 100 };
    const day = m.submit(claims, {
      ...base,
      timeInForce: "DAY",
      idempotencyKey: randomUUID(),
    } as never).order;
    const gtc = m.submit(claims, {
      ...base,
      timeInForce: "GTC",
      idempotencyKey: randomUUID(),
    } as never).order;
    expect(m.sessionTick()).toBe(0);
    now += 30_000;
    expect(m.sessionTick()).toBe(0);
    now += 60_000; // 18:00:30 — closed
    expect(m.sessionTick()).toBe(1);
    expect(m.get(day.orderId)).toMatchObject({ status: "EXPIRED", profitDllStatus: 12 });
    expect(m.get(gtc.orderId)!.status).toBe("SUBMITTED");
    expect(m.sessionTick()).toBe(0);
  });

  it("DAY orders expire; GTC stay", () => {
    const t = setup();
    const bid = t.market.book(t.asset).bids[5]!.price;
    const day = t.submit({ type: "LIMIT", price: bid });
    const gtc = t.submit({ type: "LIMIT", price: bid, timeInForce: "GTC" });
    expect(t.m.expireDay()).toBe(1);
    expect(t.m.get(day.orderId)).toMatchObject({ status: "EXPIRED", profitDllStatus: 12 });
    expect(t.m.get(gtc.orderId)!.status).toBe("SUBMITTED");
  });
});
