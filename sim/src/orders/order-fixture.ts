import { randomUUID } from "node:crypto";
import type { ServiceTokenClaims, SubmitOrder } from "@pregao/contracts";
import { pino } from "pino";
import { loadInstruments } from "../market/instruments.ts";
import { Market } from "../market/market.ts";
import { ServiceError } from "./errors.ts";
import { OrderManager } from "./order-manager.ts";

// Test fixture of the order-entry safety tests: an order manager over a seeded market, PETR4 limits a set % from the
// last trade, and `refusal` returning the ServiceError's parts.

export const ACCT = { brokerId: 308, accountId: "1001" };
export const ACCT2 = { brokerId: 308, accountId: "1002" };
const NOW = 1_700_000_000_000;
export const claims = (sub = "u"): ServiceTokenClaims => ({
  iss: "pregao-bff",
  aud: "order-manager",
  sub,
  jti: "12345678",
  iat: 0,
  exp: 30,
  roles: ["trader"],
  accounts: [ACCT, ACCT2],
});

export function setup() {
  const market = new Market({ seed: 3, clock: () => NOW, instruments: loadInstruments(30) });
  const m = new OrderManager({ market, clock: () => NOW, log: pino({ level: "silent" }), publish: () => {} });
  m.risk.update({ maxPositionSize: { "PETR4:B": 10_000_000, "WINZ26:F": 100_000 } }, "test");
  const last = market.lastPrice("PETR4:B");
  /** A PETR4 limit `pct` % below the last trade, on the grid. */
  const below = (pct: number) => Math.round(last * (1 - pct / 100) * 100) / 100;
  const order = (extra: Partial<SubmitOrder> = {}): SubmitOrder => ({
    account: ACCT,
    asset: "PETR4:B",
    side: "BUY",
    type: "LIMIT",
    quantity: 100,
    price: below(1),
    timeInForce: "DAY",
    idempotencyKey: randomUUID(),
    ...extra,
  });
  const refusal = (o: SubmitOrder, sub = "u") => {
    try {
      m.submit(claims(sub), o);
    } catch (e) {
      if (e instanceof ServiceError)
        return { status: e.status, code: e.code, field: e.field, details: e.details, message: e.message };
      throw e;
    }
    throw new Error("accepted");
  };
  const count = () => m.list({ accounts: () => true }).length;
  return { m, market, last, below, order, refusal, count };
}
