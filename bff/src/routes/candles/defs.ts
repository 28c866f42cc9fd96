import { candlesQuerySchema, candlesResponseSchema } from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const candlesDefs = {
  page: defineRoute({
    method: "get",
    path: "/api/v1/candles",
    access: "market:read",
    summary:
      "OHLCV bars (1m, 5m, 15m, 60m, 1D; São Paulo time) from trade history + live trades: the newest `limit` (≤ 1000, default 300) bars with `from` (inclusive, optional; 400 unless before `to`) ≤ time < `to` (default now), ascending; a longer range is paged: nextTo = the `to` of the page before (null: no older data in the range)",
    request: { query: candlesQuerySchema },
    responses: { 200: jsonResponse(candlesResponseSchema, "one page") },
    errors: [400, 404, 503],
  }),
};
