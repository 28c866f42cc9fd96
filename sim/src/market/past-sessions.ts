import type { HistoryTrade } from "@pregao/contracts";
import { roundMoney } from "./daily.ts";
import { AGENTS } from "./instruments-data.ts";
import type { Instrument } from "./instruments.ts";
import { Rng, WeightedPicker } from "./rng.ts";
import { SESSION_CLOSE_MS, SESSION_OPEN_MS, dayStartOf, isWeekday } from "./session-calendar.ts";

/** A deterministic hash of integers (FNV-1a over 32-bit words, then an avalanche). */
function hash(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p | 0), 0x01000193);
    h = Math.imul((h ^ (p / 4294967296)) | 0, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export function assetHash(asset: string): number {
  let h = 0;
  for (let i = 0; i < asset.length; i++) h = Math.imul(h ^ asset.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Smooth value noise in [-1, 1] over days: hashed knots every `period` days, cosine-interpolated. */
function noise(seed: number, key: number, day: number, period: number): number {
  const x = day / period;
  const k = Math.floor(x);
  const knot = (i: number) => (hash(seed, key, period, i) / 4294967296) * 2 - 1;
  const t = (1 - Math.cos((x - k) * Math.PI)) / 2;
  return knot(k) * (1 - t) + knot(k + 1) * t;
}

/** Log-price offset of a session date; deterministic in (seed, asset, day) alone. */
function level(seed: number, key: number, day: number, volatility: number): number {
  return (
    volatility *
    (0.1 * noise(seed, key, day, 23) + 0.04 * noise(seed, key, day, 5) + 0.012 * noise(seed, key, day, 1))
  );
}

const agents = new WeightedPicker(AGENTS.map((a) => a[2]));

/**
 * The trades of one earlier session of `inst` on São Paulo date `day` (none on weekends), oldest first, numbered from
 * 1 as the day's trade counter does. Prices follow a Brownian bridge from the open to the close; closes are anchored so
 * the session before `today` closes at the instrument's previous close. Same (seed, asset, day, today) → same trades.
 */
export function pastSessionTrades(
  seed: number,
  inst: Instrument,
  day: number,
  today: number,
): HistoryTrade[] {
  if (!isWeekday(day)) return [];
  const { asset, tickSize, lot, contractMultiplier } = inst.info;
  const key = assetHash(asset);
  let yesterday = today - 1;
  while (!isWeekday(yesterday)) yesterday--;
  let previous = day - 1;
  while (!isWeekday(previous)) previous--;
  const anchor = level(seed, key, yesterday, inst.volatility);
  const close = inst.previousClose * Math.exp(level(seed, key, day, inst.volatility) - anchor);
  const rng = new Rng(hash(seed, key, day));
  const prevClose = inst.previousClose * Math.exp(level(seed, key, previous, inst.volatility) - anchor);
  const open = prevClose * Math.exp(0.004 * inst.volatility * rng.gaussian());
  const count = rng.int(150, 300);
  const start = dayStartOf(day) + SESSION_OPEN_MS;
  const span = SESSION_CLOSE_MS - SESSION_OPEN_MS;
  const times = Array.from({ length: count }, () => start + Math.floor(rng.next() * span)).sort(
    (a, b) => a - b,
  );
  const sigma = 0.0012 * inst.volatility;
  const toTick = (p: number) => Math.max(1, Math.round(p / tickSize));
  const decimals = Math.max(0, -Math.floor(Math.log10(tickSize) + 1e-9));
  const walk: number[] = [];
  for (let i = 0, w = 0; i < count; i++) walk.push((w += sigma * rng.gaussian()));
  const end = walk[count - 1] ?? 0;
  const trades: HistoryTrade[] = [];
  for (let i = 0; i < count; i++) {
    const f = (i + 1) / count;
    // Brownian bridge: the walk pinned to 0 at the close, around a line from log(open) to log(close).
    const logPrice = Math.log(open) * (1 - f) + Math.log(close) * f + (walk[i] ?? 0) - f * end;
    const px = Number((toTick(Math.exp(logPrice)) * tickSize).toFixed(decimals));
    const quantity = lot * rng.int(1, inst.maxOrderLots);
    const buy = rng.chance(0.5);
    const cross = rng.chance(0.03);
    const a = AGENTS[agents.pick(rng)]![0];
    const b = cross ? a : AGENTS[agents.pick(rng)]![0];
    trades.push({
      tradeNumber: i + 1,
      price: px,
      quantity,
      volume: roundMoney(px * quantity * contractMultiplier),
      buyAgent: buy ? a : b,
      sellAgent: buy ? b : a,
      tradeType: cross ? 1 : buy ? 2 : 3,
      ts: times[i]!,
    });
  }
  return trades;
}
