import {
  fromTicks,
  toTicks,
  type AccountRef,
  type AssetInfo,
  type OrderSide,
  type OrderType,
  type SubmitOrder,
  type TimeInForce,
} from "@pregao/contracts";
import { t } from "../../i18n/i18n.ts";
import { formatPrice, parseDecimal } from "../../lib/format.ts";

/** Snap a price to the nearest tick (float-safe: 37.28 stays 37.28; printed at the tick's decimals). */
export function roundToTick(price: number, tick: number): number {
  return fromTicks(Math.round(price / tick), tick);
}

/** One tick up (+1) or down (-1) from `price`, never below one tick. */
export function stepPrice(price: number, tick: number, dir: 1 | -1): number {
  return Math.max(tick, roundToTick(roundToTick(price, tick) + dir * tick, tick));
}

/** Parse a typed price: accepts `37,28` and `37.28`, grouped the user's way; NaN when empty or invalid. */
export const parsePrice = (text: string): number => parseDecimal(text);

export interface TicketDraft {
  account: AccountRef | null;
  asset: string;
  type: OrderType;
  lots: number;
  price: string;
  stopPrice: string;
  timeInForce: TimeInForce;
}

export type BuildResult =
  { ok: true; order: Omit<SubmitOrder, "idempotencyKey"> } | { ok: false; error: string };

/** Check a draft against the instrument and turn it into the order to submit (quantity in units). */
export function buildOrder(draft: TicketDraft, side: OrderSide, info: AssetInfo | undefined): BuildResult {
  if (!draft.account) return { ok: false, error: t("ticket.chooseAccount") };
  if (!info) return { ok: false, error: t("ticket.chooseAsset") };
  if (!Number.isInteger(draft.lots) || draft.lots < 1) return { ok: false, error: t("ticket.minLot") };
  const quantity = draft.lots * info.lot;
  if (quantity < info.minOrderQty)
    return { ok: false, error: t("ticket.minQuantity", { n: info.minOrderQty }) };
  const base = {
    account: draft.account,
    asset: info.asset,
    side,
    type: draft.type,
    quantity,
    timeInForce: draft.timeInForce,
  };
  if (draft.type === "MARKET") return { ok: true, order: base };
  const price = parsePrice(draft.price);
  if (!(price > 0)) return { ok: false, error: t("ticket.enterPrice") };
  if (!onTickGrid(price, info.tickSize))
    return { ok: false, error: t("ticket.priceGrid", { tick: formatPrice(info.tickSize, info.tickSize) }) };
  if (draft.type === "LIMIT") return { ok: true, order: { ...base, price } };
  const stopPrice = parsePrice(draft.stopPrice);
  if (!(stopPrice > 0)) return { ok: false, error: t("ticket.enterStop") };
  if (!onTickGrid(stopPrice, info.tickSize))
    return {
      ok: false,
      error: t("ticket.stopGrid", { tick: formatPrice(info.tickSize, info.tickSize) }),
    };
  return { ok: true, order: { ...base, price, stopPrice } };
}

/** Exact, in whole ticks (contracts' `toTicks`, the order manager's and the BFF's definition): no float tolerance. */
function onTickGrid(price: number, tick: number): boolean {
  return toTicks(price, tick) !== null;
}

/** Notional in BRL: units × price × contract multiplier (the reference price for market orders). */
export function notional(quantity: number, price: number, multiplier: number): number {
  return quantity * price * multiplier;
}

/** The configured confirmation threshold (VITE_CONFIRM_NOTIONAL), default R$ 50,000. */
export function confirmThreshold(raw: string | undefined): number {
  const n = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(n) && n >= 0 ? n : 50_000;
}
