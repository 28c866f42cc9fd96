import { type Candle, type CandleInterval, type CandlesResponse } from "@pregao/contracts";
import { HttpError } from "../../lib/http-error.ts";
import { routeApp } from "../route-app.ts";
import { candlesDefs } from "./defs.ts";

/** What the route needs of the bar store (bars/bar-store.ts). */
export interface CandlesSource {
  page(
    asset: string,
    interval: CandleInterval,
    to: number,
    limit: number,
  ): Promise<{ candles: Candle[]; nextTo: number | null }>;
}

export interface CandlesDeps {
  /** The instrument catalog (a subset of the instruments route's); `get` absent (test fakes) → found in `list()`. */
  catalog: { readonly known: boolean; list(): { asset: string }[]; get?(asset: string): unknown };
  /** Absent (tests of other routes) → 503. */
  candles?: CandlesSource;
  now?: () => number;
}

/** Maps the store's and the history path's typed errors (by code) to the envelope. */
function toHttpError(err: unknown, asset: string): unknown {
  const code = typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
  if (code === "UNKNOWN_ASSET") return new HttpError(404, "UNKNOWN_ASSET", `unknown asset ${asset}`, "asset");
  if (code === "UPSTREAM_UNAVAILABLE")
    return new HttpError(
      503,
      "UPSTREAM_UNAVAILABLE",
      err instanceof Error ? err.message : "history unavailable",
    );
  return err;
}

type Page = { candles: Candle[]; nextTo: number | null };

/** A page cut to bars at or after `from`: once a bar before `from` was cut (or nextTo reaches it) the range is done. */
export function within(page: Page, from: number | undefined): Page {
  if (from === undefined) return page;
  const candles = page.candles.filter((c) => c.time >= from);
  const cut = candles.length < page.candles.length;
  return { candles, nextTo: !cut && page.nextTo !== null && page.nextTo > from ? page.nextTo : null };
}

/**
 * `GET /api/v1/candles?asset&interval&from&to&limit`: the newest `limit` bars in [from, to) (to default now, from
 * default unbounded), ascending, and `nextTo` for the page before. Bars come from the shared aggregator of (asset,
 * interval), filled from history.
 */
export const candlesRoute = (deps: CandlesDeps) =>
  routeApp().openapi(candlesDefs.page, async (c) => {
    const { asset, interval, from, limit } = c.req.valid("query");
    const to = c.req.valid("query").to ?? (deps.now ?? Date.now)();
    if (from !== undefined && from >= to)
      throw new HttpError(400, "VALIDATION_FAILED", `from (${from}) must be before to (${to})`, "from");
    const { catalog } = deps;
    if (!catalog.known) throw new HttpError(503, "UPSTREAM_UNAVAILABLE", "instrument list not available yet");
    const known = catalog.get
      ? catalog.get(asset) !== undefined
      : catalog.list().some((i) => i.asset === asset);
    if (!known) throw new HttpError(404, "UNKNOWN_ASSET", `unknown asset ${asset}`, "asset");
    if (!deps.candles) throw new HttpError(503, "UPSTREAM_UNAVAILABLE", "bars are not available");
    try {
      const page = await deps.candles.page(asset, interval, to, limit);
      const body: CandlesResponse = { asset, interval, ...within(page, from) };
      return c.json(body, 200);
    } catch (err) {
      throw toHttpError(err, asset);
    }
  });
