import { z } from "zod";

const num = (def: number) => z.coerce.number().int().nonnegative().default(def);

/** OHLCV bars (bars/bar-store.ts): memory bounds and idle eviction. See docs/configuration.md. */
export const barsConfigShape = {
  /** Most (asset, interval) aggregators held at once; the least recently used unwatched one makes room. */
  CANDLES_MAX_AGGREGATORS: num(200).pipe(z.number().min(1)),
  /** Bars kept per aggregator (oldest dropped; paging back reloads them from history). */
  CANDLES_MAX_BARS: num(5000).pipe(z.number().min(100)),
  /** Trades remembered per aggregator to count a trade in history and live once and to apply edits. */
  CANDLES_MAX_SEEN_TRADES: num(20_000).pipe(z.number().min(100)),
  /** An aggregator no socket watches and no request used for this long is dropped. */
  CANDLES_IDLE_MS: num(10 * 60_000).pipe(z.number().min(1000)),
};
