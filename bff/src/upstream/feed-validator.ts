import {
  isBookConsistent,
  toTicks,
  type BookLevel,
  type BookSides,
  type FeedServerMessage,
} from "@pregao/contracts";

/**
 * Checks for upstream data that passes the schema but cannot be true (docs/feed-protocol.md §Consumer checks).
 * Pure: the caller supplies the asset's tick size and the BFF's clock, and decides what a violation costs.
 */

/** Bounded label values of `pregao_feed_violations_total{kind}`. */
export const violationKinds = [
  "price_not_positive",
  "price_off_grid",
  "quantity_not_positive",
  "book_crossed",
  "daily_inconsistent",
  "tick_size_invalid",
  "clock_ahead",
] as const;
export type ViolationKind = (typeof violationKinds)[number];

/** One impossible value: its kind, where it was (`trade.price`, `bids.3.price`, `updates.0.price`) and the value. */
export interface Violation {
  kind: ViolationKind;
  field: string;
  value: unknown;
}

export interface CheckContext {
  /** The asset's tick (`assetInfo.tickSize`); null before the asset's `assetInfo` arrived. */
  tickSize: number | null;
  /** The BFF's clock when the message arrived (epoch ms). */
  now: number;
  /** How far ahead of `now` an exchange time may be (FEED_MAX_CLOCK_SKEW_MS). */
  maxClockSkewMs: number;
}

/**
 * Before the asset's tick is known (the protocol sends `assetInfo` first, so only a misbehaving bridge gets here)
 * a price must still be a whole number of the finest tick the BFF counts exactly (8 decimals, as `toTicks`):
 * this refuses 1e308 and 17-digit noise without guessing a tick.
 */
const FINEST_TICK = 1e-8;

const violation = (kind: ViolationKind, field: string, value: unknown): Violation => ({ kind, field, value });

/** A price: finite, > 0 and a whole number of ticks. */
export function checkPrice(field: string, price: number, tickSize: number | null): Violation | null {
  if (!Number.isFinite(price) || price <= 0) return violation("price_not_positive", field, price);
  if (toTicks(price, tickSize ?? FINEST_TICK) === null) return violation("price_off_grid", field, price);
  return null;
}

/** A quantity that must be a positive whole number (book levels, trades). */
export function checkQuantity(field: string, qty: number): Violation | null {
  return Number.isSafeInteger(qty) && qty > 0 ? null : violation("quantity_not_positive", field, qty);
}

function checkLevels(side: string, levels: readonly BookLevel[], tickSize: number | null): Violation | null {
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    const v =
      checkPrice(`${side}.${i}.price`, l.price, tickSize) ??
      checkQuantity(`${side}.${i}.quantity`, l.quantity) ??
      checkQuantity(`${side}.${i}.count`, l.count);
    if (v) return v;
  }
  return null;
}

/** Every level valid, both sides ordered best-first and the book not crossed (contracts' `isBookConsistent`). */
export function checkBook(book: BookSides, tickSize: number | null): Violation | null {
  return (
    checkLevels("bids", book.bids, tickSize) ??
    checkLevels("asks", book.asks, tickSize) ??
    checkBookOrder(book)
  );
}

/**
 * Both sides ordered best-first and the book not crossed, for a book whose levels were each checked when they arrived
 * (a snapshot by `checkBook`, update prices and sizes by `checkMessage`): what applying updates can still break.
 */
export function checkBookOrder(book: BookSides): Violation | null {
  if (isBookConsistent(book)) return null;
  return violation("book_crossed", "book", { bid: book.bids[0]?.price, ask: book.asks[0]?.price });
}

function checkDaily(d: Extract<FeedServerMessage, { type: "daily" }>["daily"], tick: number | null) {
  for (const f of ["open", "high", "low", "close"] as const) {
    const v = checkPrice(`daily.${f}`, d[f], tick);
    if (v) return v;
  }
  // Reference prices may be adjusted (dividends, settlement), so they need not sit on today's grid; only > 0.
  for (const f of ["previousClose", "settlement"] as const) {
    const p = d[f];
    if (p !== null && !(p > 0)) return violation("price_not_positive", `daily.${f}`, p);
  }
  // A bridge may report 0 for "no limit"; a negative limit is impossible.
  for (const f of ["maxLimit", "minLimit"] as const)
    if (d[f] < 0) return violation("price_not_positive", `daily.${f}`, d[f]);
  if (d.high < d.low) return violation("daily_inconsistent", "daily.high", { high: d.high, low: d.low });
  return null;
}

/**
 * Checks one message's own fields. The book a `bookSnapshot` or `book` group produces is checked by the caller
 * with `checkBook` (it knows the book the updates apply to, and how deep it keeps it).
 */
export function checkMessage(msg: FeedServerMessage, ctx: CheckContext): Violation | null {
  if (msg.ts > ctx.now + ctx.maxClockSkewMs) return violation("clock_ahead", "ts", msg.ts);
  switch (msg.type) {
    case "assetInfo":
      return toTicks(msg.info.tickSize, msg.info.tickSize) === 1
        ? null
        : violation("tick_size_invalid", "info.tickSize", msg.info.tickSize);
    case "daily":
      return checkDaily(msg.daily, ctx.tickSize);
    case "trade":
      return (
        checkPrice("trade.price", msg.trade.price, ctx.tickSize) ??
        checkQuantity("trade.quantity", msg.trade.quantity)
      );
    case "book":
      for (let i = 0; i < msg.updates.length; i++) {
        const u = msg.updates[i]!;
        const v =
          u.action === 0
            ? (checkPrice(`updates.${i}.price`, u.price, ctx.tickSize) ??
              checkQuantity(`updates.${i}.quantity`, u.quantity) ??
              checkQuantity(`updates.${i}.count`, u.count))
            : u.action === 1
              ? (checkQuantity(`updates.${i}.quantity`, u.quantity) ??
                checkQuantity(`updates.${i}.count`, u.count))
              : null;
        if (v) return v;
      }
      return null;
    default:
      return null;
  }
}
