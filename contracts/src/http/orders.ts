import { z } from "zod";
import { assetKeySchema } from "../feed/asset.ts";
import { accountRefSchema } from "./session.ts";

/** Order vocabulary of the TradingSystem order-manager spec (OM-SPEC). */
export const orderSideSchema = z.enum(["BUY", "SELL"]);
export const orderTypeSchema = z.enum(["MARKET", "LIMIT", "STOP_LIMIT"]);
export const timeInForceSchema = z.enum(["DAY", "GTC", "IOC", "FOK"]);
export const orderStatusSchema = z.enum([
  "PENDING",
  "SUBMITTED",
  "PARTIALLY_FILLED",
  "FILLED",
  "CANCELED",
  "EXPIRED",
  "FAILED",
  "REJECTED",
]);
export type OrderSide = z.infer<typeof orderSideSchema>;
export type OrderType = z.infer<typeof orderTypeSchema>;
export type TimeInForce = z.infer<typeof timeInForceSchema>;
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Statuses from which an order can still fill or be cancelled. */
export const WORKING_STATUSES: readonly OrderStatus[] = ["PENDING", "SUBMITTED", "PARTIALLY_FILLED"];

const positiveInt = z.number().int().positive();

/**
 * Checks a trader may confirm past (the second click of a two-step order). Sent in `submitOrder.confirm` after a 428
 * `CONFIRMATION_REQUIRED` whose `details.rule` names one; not part of the order's identity for idempotency.
 */
export const orderConfirmationSchema = z.enum(["PRICE_COLLAR"]);
export type OrderConfirmation = z.infer<typeof orderConfirmationSchema>;

/**
 * `POST /api/v1/orders` (BFF) and `POST /api/orders` (order manager). `quantity` is in units (shares/contracts), a
 * multiple of the instrument's lot; prices on the instrument's tick grid and inside the daily limits.
 * `idempotencyKey` makes a retried submit return the same order, never a second one.
 */
export const submitOrderSchema = z
  .object({
    account: accountRefSchema,
    asset: assetKeySchema,
    side: orderSideSchema,
    type: orderTypeSchema,
    quantity: positiveInt.max(10_000_000),
    price: z.number().positive().optional(),
    stopPrice: z.number().positive().optional(),
    timeInForce: timeInForceSchema.default("DAY"),
    /**
     * The same key with the same order returns the first order (200); with a different order (side, price, stopPrice,
     * quantity, account, asset, type, timeInForce) it is 409 `IDEMPOTENCY_KEY_REUSED`. Keys are scoped to the user.
     */
    idempotencyKey: z.uuid(),
    /** Confirmations the trader gave after a 428 (resend with the same idempotencyKey). */
    confirm: z.array(orderConfirmationSchema).max(4).optional(),
  })
  .superRefine((o, ctx) => {
    if (o.type !== "MARKET" && o.price === undefined)
      ctx.addIssue({ code: "custom", path: ["price"], message: `price is required for ${o.type}` });
    if (o.type === "MARKET" && o.price !== undefined)
      ctx.addIssue({ code: "custom", path: ["price"], message: "a MARKET order takes no price" });
    if (o.type === "STOP_LIMIT" && o.stopPrice === undefined)
      ctx.addIssue({ code: "custom", path: ["stopPrice"], message: "stopPrice is required for STOP_LIMIT" });
    if (o.type !== "STOP_LIMIT" && o.stopPrice !== undefined)
      ctx.addIssue({ code: "custom", path: ["stopPrice"], message: "stopPrice is only for STOP_LIMIT" });
    if (o.type === "STOP_LIMIT" && o.price !== undefined && o.stopPrice !== undefined) {
      if (o.side === "BUY" && o.stopPrice > o.price)
        ctx.addIssue({
          code: "custom",
          path: ["stopPrice"],
          message: "BUY stop-limit needs stopPrice ≤ price",
        });
      if (o.side === "SELL" && o.stopPrice < o.price)
        ctx.addIssue({
          code: "custom",
          path: ["stopPrice"],
          message: "SELL stop-limit needs stopPrice ≥ price",
        });
    }
  });
export type SubmitOrder = z.infer<typeof submitOrderSchema>;

/**
 * `details` of the order-entry refusals (numbers, never formatted strings: the UI formats them in pt-BR).
 * - 400 `VALIDATION_FAILED` on `price`/`stopPrice` off the tick grid: `{ tickSize }`.
 * - 422 `RISK_REJECTED` on `quantity`: `{ rule: "MAX_ORDER_QUANTITY" | "MAX_ORDER_NOTIONAL", limit, value }` (units;
 *   BRL for the notional).
 * - 428 `CONFIRMATION_REQUIRED` (`rule: "PRICE_COLLAR"`) and 422 `RISK_REJECTED` (`rule: "PRICE_COLLAR_HARD"`) on
 *   `price`: `{ rule, lastPrice, price, deviationPct, collarPct }` (percentages as 3 = 3 %; `collarPct` is the one
 *   that was crossed).
 * - 409 `IDEMPOTENCY_KEY_REUSED` on `idempotencyKey`: `{ fields }` — which order fields differ from the first order.
 */
export const tickGridDetailsSchema = z.object({ tickSize: z.number() });
export const orderLimitDetailsSchema = z.object({
  rule: z.enum(["MAX_ORDER_QUANTITY", "MAX_ORDER_NOTIONAL"]),
  limit: z.number(),
  value: z.number(),
});
export const priceCollarDetailsSchema = z.object({
  rule: z.enum(["PRICE_COLLAR", "PRICE_COLLAR_HARD"]),
  lastPrice: z.number(),
  price: z.number(),
  deviationPct: z.number(),
  collarPct: z.number(),
});
export const idempotencyReuseDetailsSchema = z.object({ fields: z.array(z.string()) });
export type TickGridDetails = z.infer<typeof tickGridDetailsSchema>;
export type OrderLimitDetails = z.infer<typeof orderLimitDetailsSchema>;
export type PriceCollarDetails = z.infer<typeof priceCollarDetailsSchema>;
export type IdempotencyReuseDetails = z.infer<typeof idempotencyReuseDetailsSchema>;

export const fillSchema = z.object({
  fillId: z.string(),
  quantity: positiveInt,
  price: z.number(),
  /** The exchange trade this fill printed as (tape `tradeNumber`). */
  tradeNumber: z.number().int().nonnegative(),
  timestamp: z.number(),
});
export type Fill = z.infer<typeof fillSchema>;

/** One order as the order manager reports it. Times are epoch ms. */
export const orderSchema = z.object({
  orderId: z.string(),
  account: accountRefSchema,
  asset: assetKeySchema,
  side: orderSideSchema,
  type: orderTypeSchema,
  quantity: positiveInt,
  filledQuantity: z.number().int().nonnegative(),
  price: z.number().nullable(),
  stopPrice: z.number().nullable(),
  avgFillPrice: z.number().nullable(),
  status: orderStatusSchema,
  /** ProfitDLL `TConnectorOrderStatus` behind `status` (see docs/trading.md for the mapping). */
  profitDllStatus: z.number().int(),
  timeInForce: timeInForceSchema,
  fills: z.array(fillSchema),
  /** Why the order was rejected or cancelled (risk reason, validation, kill switch, user). */
  reason: z.string().nullable(),
  userId: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Order = z.infer<typeof orderSchema>;

export const orderListQuerySchema = z.object({
  status: orderStatusSchema.optional(),
  asset: assetKeySchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const orderListResponseSchema = z.object({
  orders: z.array(orderSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type OrderListResponse = z.infer<typeof orderListResponseSchema>;

/** `POST /api/v1/orders/cancel-all` → how many were cancelled. */
export const cancelAllResponseSchema = z.object({ canceled: z.number().int() });

export const positionSchema = z.object({
  account: accountRefSchema,
  asset: assetKeySchema,
  /** Signed: > 0 long, < 0 short. */
  netQuantity: z.number().int(),
  averagePrice: z.number().nullable(),
  marketPrice: z.number().nullable(),
  realizedPnl: z.number(),
  unrealizedPnl: z.number(),
  currency: z.literal("BRL"),
});
export type Position = z.infer<typeof positionSchema>;

export const positionsResponseSchema = z.object({
  asOf: z.number(),
  positions: z.array(positionSchema),
  totalRealizedPnl: z.number(),
  totalUnrealizedPnl: z.number(),
  totalExposure: z.number(),
});
export type PositionsResponse = z.infer<typeof positionsResponseSchema>;

export const killSwitchStateSchema = z.object({
  active: z.boolean(),
  reason: z.string().nullable(),
  activatedAt: z.number().nullable(),
  activatedBy: z.string().nullable(),
});
export type KillSwitchState = z.infer<typeof killSwitchStateSchema>;

/**
 * Per-instrument order-entry limits ("fat finger" and price collar). `maxOrderQty` defaults to the instrument's own
 * (assetInfo `maxOrderQty`); the others to `orderLimitDefaults`. Percentages as 3 = 3 %.
 */
export const orderLimitsSchema = z.object({
  maxOrderQty: positiveInt,
  /** Largest price × quantity × contract multiplier of one order, in BRL. */
  maxOrderNotional: z.number().positive(),
  /** A limit price further than this from the last trade needs a second confirmation (428). */
  collarPct: z.number().positive(),
  /** Further than this it is refused outright (422). */
  hardCollarPct: z.number().positive(),
});
export type OrderLimits = z.infer<typeof orderLimitsSchema>;
export const orderLimitDefaultsSchema = orderLimitsSchema.omit({ maxOrderQty: true });
export type OrderLimitDefaults = z.infer<typeof orderLimitDefaultsSchema>;

const orderLimitsPatchFields = z
  .object({
    maxOrderQty: z.number().int().min(1).max(10_000_000),
    maxOrderNotional: z.number().min(1_000).max(10_000_000_000),
    collarPct: z.number().min(0.1).max(50),
    hardCollarPct: z.number().min(0.1).max(100),
  })
  .partial();
const collarOrdered = (l: { collarPct?: number | undefined; hardCollarPct?: number | undefined }) =>
  l.collarPct === undefined || l.hardCollarPct === undefined || l.collarPct < l.hardCollarPct;
const collarMessage = { message: "collarPct must be below hardCollarPct", path: ["collarPct"] };

/** What risk may set per instrument: an asset's object replaces its overrides; `null` removes them. */
export const orderLimitsPatchSchema = orderLimitsPatchFields.refine(collarOrdered, collarMessage);
export type OrderLimitsPatch = z.infer<typeof orderLimitsPatchSchema>;
/** What risk may set as the defaults (no `maxOrderQty`: that default is each instrument's own). */
export const orderLimitDefaultsPatchSchema = orderLimitsPatchFields
  .omit({ maxOrderQty: true })
  .refine(collarOrdered, collarMessage);

export const riskLimitsSchema = z.object({
  dailyLossLimit: z.number(),
  currentDailyLoss: z.number(),
  /** Max |net position| per asset; assets absent use `defaultMaxPosition`. */
  maxPositionSize: z.record(z.string(), z.number().int()),
  defaultMaxPosition: z.number().int(),
  tradingHours: z.object({
    start: z.string(),
    end: z.string(),
    timezone: z.string(),
    alwaysOpen: z.boolean(),
  }),
  killSwitch: killSwitchStateSchema,
  /** Order-entry limits of instruments without an override (`maxOrderQty` comes from each instrument). */
  orderLimitDefaults: orderLimitDefaultsSchema,
  /** Per-instrument overrides set by risk: only the fields risk set. */
  orderLimits: z.record(z.string(), orderLimitsSchema.partial()),
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type RiskLimits = z.infer<typeof riskLimitsSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:MM");
export const updateRiskLimitsSchema = z.object({
  dailyLossLimit: z.number().min(100).max(1_000_000).optional(),
  /** Per-asset max |net position|; `null` removes the asset's limit (it falls back to `defaultMaxPosition`). */
  maxPositionSize: z.record(assetKeySchema, z.number().int().min(1).max(10_000_000).nullable()).optional(),
  tradingHours: z
    .object({ start: hhmm, end: hhmm, timezone: z.string().optional(), alwaysOpen: z.boolean().optional() })
    .refine((t) => t.start < t.end, { message: "start must be before end", path: ["start"] })
    .optional(),
  orderLimitDefaults: orderLimitDefaultsPatchSchema.optional(),
  orderLimits: z.record(assetKeySchema, orderLimitsPatchSchema.nullable()).optional(),
});
export type UpdateRiskLimits = z.infer<typeof updateRiskLimitsSchema>;

/** `POST /api/v1/risk/kill-switch` activates; deactivation is a separate, explicit call. */
export const killSwitchActivateSchema = z.object({
  reason: z.string().trim().min(3).max(500),
  cancelAll: z.boolean().default(true),
});
export const killSwitchDeactivateSchema = z.object({ reason: z.string().trim().min(3).max(500) });
export const killSwitchResponseSchema = killSwitchStateSchema.extend({ ordersCanceled: z.number().int() });
export type KillSwitchResponse = z.infer<typeof killSwitchResponseSchema>;

/** One structured audit record per risk check (OM-SPEC §2.3). */
export const riskCheckNameSchema = z.enum([
  "tradingHours",
  "killSwitch",
  "dailyLossLimit",
  "positionSizeLimit",
]);
export const riskCheckRecordSchema = z.object({
  timestamp: z.number(),
  orderId: z.string(),
  checks: z.record(riskCheckNameSchema, z.enum(["passed", "failed", "skipped"])),
  result: z.enum(["approved", "rejected"]),
  reason: z.string().optional(),
});
export type RiskCheckRecord = z.infer<typeof riskCheckRecordSchema>;
