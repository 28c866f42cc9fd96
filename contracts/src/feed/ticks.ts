/**
 * Exact tick arithmetic. A price is on the grid when it is a whole number of ticks, decided on decimal digits (the
 * shortest round-trip representation JavaScript prints), never with a float tolerance: 33.50000001 is off a 0.01 grid
 * and 37.29 is on it, although 37.29 / 0.01 is 3728.9999999999995 in binary floating point. The order manager, the
 * BFF's order route, the feed validator and the order ticket share this one definition.
 */

/** Digits after the decimal point of `x` as printed (1e-7 → 7, 2.5e-3 → 4); null when not finite. */
export function decimalPlaces(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  const [mantissa = "", exp] = Math.abs(x).toString().split("e");
  const frac = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp ?? 0));
}

/** Most decimal places a price or tick may have (B3 ticks go down to 0.0001; this leaves room, and bounds 10^d). */
const MAX_DECIMALS = 8;

/**
 * `x` × 10^d as an exact integer when `x` has at most `d` decimals and stays a safe integer; otherwise null.
 *
 * Without printing `x` (this runs for every price of every upstream book update): n = round(x × 10^d) and x has at most
 * d decimals exactly when n / 10^d === x. If it has, x is the double nearest n·10^-d, and IEEE division rounds n / 10^d
 * to that same double; if n / 10^d === x, x's shortest round-trip digits are no longer than n·10^-d's. `ticks.test.ts`
 * checks this against the printed-digits definition (`decimalPlaces`) on random prices.
 */
function scaled(x: number, d: number): number | null {
  if (!Number.isFinite(x)) return null;
  const unit = 10 ** d; // exact for d ≤ MAX_DECIMALS
  const n = Math.round(x * unit);
  return Number.isSafeInteger(n) && n / unit === x ? n : null;
}

/** Decimal places of the few tick sizes a feed uses, remembered (a hostile feed's endless new sizes are not). */
const tickDecimals = new Map<number, number | null>();
function decimalsOfTick(tickSize: number): number | null {
  const known = tickDecimals.get(tickSize);
  if (known !== undefined) return known;
  const d = decimalPlaces(tickSize);
  if (tickDecimals.size < 256) tickDecimals.set(tickSize, d);
  return d;
}

/**
 * `price` in whole ticks of `tickSize`, or null when it is not finite, not a whole number of ticks, or too large to
 * count exactly. `toTicks(37.29, 0.01)` is 3729; `toTicks(33.50000001, 0.01)` is null; `toTicks(1e308, 0.01)` is null.
 */
export function toTicks(price: number, tickSize: number): number | null {
  const d = decimalsOfTick(tickSize);
  if (d === null || d > MAX_DECIMALS || !(tickSize > 0)) return null;
  const p = scaled(price, d);
  const t = scaled(tickSize, d);
  if (p === null || t === null || t === 0 || p % t !== 0) return null;
  return p / t;
}

/** True when `price` is a whole number of ticks (see `toTicks`). */
export function isOnTickGrid(price: number, tickSize: number): boolean {
  return toTicks(price, tickSize) !== null;
}

/** The price of `ticks` whole ticks, rounded to the tick's decimals (so 3729 × 0.01 prints 37.29, not 37.290000000000006). */
export function fromTicks(ticks: number, tickSize: number): number {
  const d = decimalPlaces(tickSize) ?? 0;
  return Number((ticks * tickSize).toFixed(Math.min(d, MAX_DECIMALS)));
}
