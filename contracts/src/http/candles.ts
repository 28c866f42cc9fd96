import { z } from "zod";
import { assetKeySchema } from "../feed/index.ts";

/** Bar intervals the chart offers. Intraday bars align to the interval in exchange time (America/Sao_Paulo). */
export const candleIntervalSchema = z.enum(["1m", "5m", "15m", "60m", "1D"]);
export type CandleInterval = z.infer<typeof candleIntervalSchema>;

/**
 * One OHLCV bar. `time` = bar open, epoch ms UTC (intraday bars aligned to the interval in São Paulo time; `1D` bars
 * open at the session date's 00:00 São Paulo). `volume` = sum of trade quantities; `trades` = trade count.
 */
export const candleSchema = z.object({
  time: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number().int().nonnegative(),
  trades: z.number().int().nonnegative(),
});
export type Candle = z.infer<typeof candleSchema>;

export const CANDLES_LIMIT_DEFAULT = 300;
export const CANDLES_LIMIT_MAX = 1000;

/**
 * `GET /api/v1/candles?asset=PETR4:B&interval=1m&from=<ms, optional>&to=<ms, optional: now>&limit=<1..1000, default
 * 300>`: bars with `from <= time < to`. `from` must be before `to` (400 naming `from`); a range holding more than
 * `limit` bars is paged (`nextTo`), not refused.
 */
export const candlesQuerySchema = z.object({
  asset: assetKeySchema,
  interval: candleIntervalSchema,
  /** Inclusive lower bound on the bar open time, epoch ms; absent: as far back as history goes. */
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(CANDLES_LIMIT_MAX).default(CANDLES_LIMIT_DEFAULT),
});
export type CandlesQuery = z.infer<typeof candlesQuerySchema>;

/**
 * `candles`: ascending, the newest `limit` bars with `from <= time < to`. `nextTo`: pass as `to` (with the same
 * `from`) for the page before (older); null when there is no older data in the range.
 */
export const candlesResponseSchema = z.object({
  asset: assetKeySchema,
  interval: candleIntervalSchema,
  candles: z.array(candleSchema),
  nextTo: z.number().int().nullable(),
});
export type CandlesResponse = z.infer<typeof candlesResponseSchema>;

/** `candles:subscribe` / `candles:unsubscribe` payload: one (asset, interval) per call. */
export const candlesSubscriptionSchema = z.object({ asset: assetKeySchema, interval: candleIntervalSchema });
export type CandlesSubscription = z.infer<typeof candlesSubscriptionSchema>;

/** `candles:updated`: the forming bar of one (asset, interval), conflated like quotes. */
export const candleUpdateSchema = z.object({
  asset: assetKeySchema,
  interval: candleIntervalSchema,
  candle: candleSchema,
});
export type CandleUpdate = z.infer<typeof candleUpdateSchema>;
