import type { OrderLimitDefaults, OrderLimits, OrderLimitsPatch, UpdateRiskLimits } from "@pregao/contracts";

/**
 * Defaults of the per-instrument order-entry limits (percentages as 3 = 3 %).
 * - `maxOrderNotional` R$ 10,000,000: above the largest order the default position limits allow on any demo
 *   instrument (100 WDO ≈ R$ 5.4 million, 100 WIN ≈ R$ 3.1 million) with room to spare, and 37× below the issue's
 *   fat finger (10,000,000 PETR4 ≈ R$ 374 million), which the position limit only caught by accident.
 * - `collarPct` 3: a limit price more than 3 % from the last trade is rarely meant (a misplaced digit is 10× off).
 * - `hardCollarPct` 8: inside B3's ±10 % daily band, so the outright refusal fires before the band does.
 * `maxOrderQty` has no default here: it is each instrument's own (assetInfo `maxOrderQty`).
 */
export const DEFAULT_ORDER_LIMITS: OrderLimitDefaults = {
  maxOrderNotional: 10_000_000,
  collarPct: 3,
  hardCollarPct: 8,
};

export interface OrderLimitInput {
  asset: string;
  quantity: number;
  /** The limit price (LIMIT, STOP_LIMIT); absent for MARKET. */
  price?: number | undefined;
  contractMultiplier: number;
  /** assetInfo `maxOrderQty`. */
  instrumentMaxQty: number;
  /** Price of the asset's last trade today; null when it has not traded. */
  lastTrade: number | null;
  confirmed: readonly string[];
}

export type OrderLimitFailure =
  | {
      kind: "reject";
      field: "quantity";
      message: string;
      details: { rule: "MAX_ORDER_QUANTITY" | "MAX_ORDER_NOTIONAL"; limit: number; value: number };
    }
  | {
      kind: "reject" | "confirm";
      field: "price";
      message: string;
      details: {
        rule: "PRICE_COLLAR" | "PRICE_COLLAR_HARD";
        lastPrice: number;
        price: number;
        deviationPct: number;
        collarPct: number;
      };
    };

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/** The defaults and the per-instrument overrides risk set; checks one order against the effective limits. */
export class OrderLimitBook {
  private defaults: OrderLimitDefaults = { ...DEFAULT_ORDER_LIMITS };
  private overrides: Record<string, Partial<OrderLimits>> = {};

  effective(asset: string, instrumentMaxQty: number): OrderLimits {
    return { maxOrderQty: instrumentMaxQty, ...this.defaults, ...this.overrides[asset] };
  }

  snapshot(): { orderLimitDefaults: OrderLimitDefaults; orderLimits: Record<string, Partial<OrderLimits>> } {
    const orderLimits = Object.fromEntries(Object.entries(this.overrides).map(([a, l]) => [a, { ...l }]));
    return { orderLimitDefaults: { ...this.defaults }, orderLimits };
  }

  /**
   * Applies risk's patch all or nothing. Returns the offending field when an effective soft collar would not be below
   * its hard collar (each patch is valid alone, but an override of one may cross the other's default).
   */
  apply(patch: Pick<UpdateRiskLimits, "orderLimitDefaults" | "orderLimits">): string | null {
    const defaults = { ...this.defaults, ...patch.orderLimitDefaults };
    const overrides = { ...this.overrides };
    for (const [asset, p] of Object.entries(patch.orderLimits ?? {})) {
      if (p === null) delete overrides[asset];
      else overrides[asset] = definedOnly(p); // replaces: a field left out goes back to the default
    }
    if (defaults.collarPct >= defaults.hardCollarPct) return "orderLimitDefaults.collarPct";
    for (const [asset, o] of Object.entries(overrides)) {
      const e = { ...defaults, ...o };
      if (e.collarPct >= e.hardCollarPct) return `orderLimits.${asset}.collarPct`;
    }
    this.defaults = defaults;
    this.overrides = overrides;
    return null;
  }

  /** The first limit the order breaks (quantity, notional, hard collar, collar unless confirmed), or null. */
  check(o: OrderLimitInput): OrderLimitFailure | null {
    const l = this.effective(o.asset, o.instrumentMaxQty);
    if (o.quantity > l.maxOrderQty)
      return {
        kind: "reject",
        field: "quantity",
        message: `Order quantity is above the maximum order quantity for ${o.asset}.`,
        details: { rule: "MAX_ORDER_QUANTITY", limit: l.maxOrderQty, value: o.quantity },
      };
    // A MARKET order is valued at the last trade; with no trade and no price there is nothing to value it at.
    const ref = o.price ?? o.lastTrade;
    const notional = ref === null ? 0 : round(ref * o.quantity * o.contractMultiplier, 2);
    if (notional > l.maxOrderNotional)
      return {
        kind: "reject",
        field: "quantity",
        message: `Order value is above the maximum order value for ${o.asset}.`,
        details: { rule: "MAX_ORDER_NOTIONAL", limit: l.maxOrderNotional, value: notional },
      };
    // No last trade → no collar: there is no market price to measure a fat finger against (the daily band still holds).
    if (o.price === undefined || o.lastTrade === null || o.lastTrade <= 0) return null;
    const deviation = (Math.abs(o.price - o.lastTrade) / o.lastTrade) * 100;
    const collar = (rule: "PRICE_COLLAR" | "PRICE_COLLAR_HARD", collarPct: number) => ({
      rule,
      lastPrice: o.lastTrade!,
      price: o.price!,
      deviationPct: round(deviation, 2),
      collarPct,
    });
    if (deviation > l.hardCollarPct)
      return {
        kind: "reject",
        field: "price",
        message: `Limit price is too far from the last trade for ${o.asset}.`,
        details: collar("PRICE_COLLAR_HARD", l.hardCollarPct),
      };
    if (deviation > l.collarPct && !o.confirmed.includes("PRICE_COLLAR"))
      return {
        kind: "confirm",
        field: "price",
        message: `Limit price is far from the last trade for ${o.asset}; confirm to send it.`,
        details: collar("PRICE_COLLAR", l.collarPct),
      };
    return null;
  }
}

function definedOnly(p: OrderLimitsPatch): Partial<OrderLimits> {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as Partial<OrderLimits>;
}
