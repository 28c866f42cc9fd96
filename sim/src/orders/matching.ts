import {
  ProfitDllOrderStatus as S,
  toOrderStatus,
  TradeType,
  type Order,
  type Trade,
} from "@pregao/contracts";
import type { MarketExecutor } from "../market/execution.ts";
import type { Market, MarketEvent } from "../market/market.ts";

/** An order as the engine keeps it: the contract's Order plus whether a stop-limit has triggered. */
export type OrderRecord = Order & { triggered: boolean };

export interface MatchingDeps {
  market: Market;
  /** Feed fan-out of what our orders printed (trades, daily, book). */
  publish(event: MarketEvent): void;
  clock: () => number;
  /** A fill happened (positions move) — called before `onChange` for the same order. */
  onFill(order: OrderRecord, quantity: number, price: number): void;
  /** The order's status or fills changed. */
  onChange(order: OrderRecord): void;
}

const isBuy = (o: OrderRecord) => o.side === "BUY";
const leaves = (o: OrderRecord) => o.quantity - o.filledQuantity;

/** Sets the ProfitDLL status and the mapped spec status together (the only writer of both). */
export function setStatus(o: OrderRecord, code: number, now: number, reason?: string): void {
  o.profitDllStatus = code;
  o.status = toOrderStatus(code);
  o.updatedAt = now;
  if (reason !== undefined) o.reason = reason;
}

/**
 * Matches our orders against the simulated book. Market orders walk the book; limit orders take what is marketable
 * and rest; resting limits fill when the market trades through (or at) their price or the book crosses them;
 * stop-limits trigger on a last trade at/through the stop, then behave as limits. Every fill is a printed trade.
 */
export class MatchingEngine {
  private readonly resting = new Map<string, OrderRecord[]>();
  /** Trades our entering order just printed: they take book liquidity, not resting orders' (no self-fills). */
  private own = new Set<number>();

  constructor(private readonly deps: MatchingDeps) {
    deps.market.setTradeHook((exec, trades) => this.onMarketTrades(exec, trades));
  }

  /** Enters an accepted order (status SUBMITTED) into the market. */
  enter(o: OrderRecord): void {
    const event = this.deps.market.act(o.asset, (exec) => {
      const trades = this.execute(exec, o);
      this.own = new Set(trades.map((t) => t.tradeNumber));
      return trades;
    });
    this.own.clear();
    this.deps.publish(event);
  }

  /** Removes a working order (cancel / expiry / kill switch) and sets its final status. */
  finish(o: OrderRecord, full: number, partial: number, reason: string): void {
    const list = this.resting.get(o.asset);
    if (list)
      this.resting.set(
        o.asset,
        list.filter((r) => r !== o),
      );
    setStatus(o, o.filledQuantity > 0 ? partial : full, this.deps.clock(), reason);
    this.deps.onChange(o);
  }

  working(): OrderRecord[] {
    return [...this.resting.values()].flat();
  }

  private execute(exec: MarketExecutor, o: OrderRecord): Trade[] {
    if (o.type === "STOP_LIMIT" && !o.triggered) {
      const last = this.deps.market.lastPrice(o.asset);
      if (!this.stopHit(o, last)) return this.rest(o, []);
      o.triggered = true;
    }
    const limit = o.type === "MARKET" ? undefined : (o.price ?? undefined);
    if (o.timeInForce === "FOK" && exec.available(isBuy(o), limit) < leaves(o)) {
      this.finish(o, S.CANCELED, S.PARTIALLY_FILLED_CANCELED, "FOK: not enough liquidity to fill at once");
      return [];
    }
    const trades = this.take(exec, o, limit);
    if (leaves(o) === 0) return trades;
    if (o.type === "MARKET" || o.timeInForce === "IOC" || o.timeInForce === "FOK") {
      const why =
        o.type === "MARKET" ? "Market order: no more liquidity" : "IOC: unfilled remainder canceled";
      this.finish(o, S.CANCELED, S.PARTIALLY_FILLED_CANCELED, why);
      return trades;
    }
    return this.rest(o, trades);
  }

  private rest(o: OrderRecord, trades: Trade[]): Trade[] {
    const list = this.resting.get(o.asset) ?? [];
    list.push(o);
    this.resting.set(o.asset, list);
    this.deps.onChange(o);
    return trades;
  }

  private take(exec: MarketExecutor, o: OrderRecord, limit: number | undefined): Trade[] {
    const agent = o.account.brokerId;
    const trades = exec.sweep({
      buy: isBuy(o),
      maxQuantity: leaves(o),
      ...(limit === undefined ? {} : { limitPrice: limit }),
      agent,
    });
    for (const t of trades) this.fill(o, t.quantity, t.price, t.tradeNumber, false);
    if (trades.length > 0) this.deps.onChange(o);
    return trades;
  }

  private fill(o: OrderRecord, quantity: number, price: number, tradeNumber: number, notify = true): void {
    const now = this.deps.clock();
    const before = o.filledQuantity;
    o.filledQuantity += quantity;
    o.avgFillPrice = ((o.avgFillPrice ?? 0) * before + price * quantity) / o.filledQuantity;
    o.fills.push({
      fillId: `${o.orderId}-F${o.fills.length + 1}`,
      quantity,
      price,
      tradeNumber,
      timestamp: now,
    });
    setStatus(o, leaves(o) === 0 ? S.FILLED : S.PARTIALLY_FILLED, now);
    if (leaves(o) === 0) {
      const list = this.resting.get(o.asset);
      if (list)
        this.resting.set(
          o.asset,
          list.filter((r) => r !== o),
        );
    }
    this.deps.onFill(o, quantity, price);
    if (notify) this.deps.onChange(o);
  }

  private stopHit(o: OrderRecord, price: number): boolean {
    return isBuy(o) ? price >= o.stopPrice! : price <= o.stopPrice!;
  }

  /** The trade hook: stops trigger, resting limits fill on trade-through, then against a crossed book. */
  private onMarketTrades(exec: MarketExecutor, trades: readonly Trade[]): Trade[] {
    if (!this.resting.get(exec.asset)?.length) return [];
    const used = new Map<number, number>();
    const out: Trade[] = [];
    const market = trades.filter((t) => !this.own.has(t.tradeNumber));
    let seen: readonly Trade[] = market;
    for (let pass = 0; pass < 5; pass++) {
      let triggered = 0;
      for (const o of this.resting.get(exec.asset) ?? [])
        if (o.type === "STOP_LIMIT" && !o.triggered && seen.some((t) => this.stopHit(o, t.price))) {
          o.triggered = true;
          triggered++;
        }
      if (pass > 0 && triggered === 0) break;
      const printed: Trade[] = [];
      for (const o of this.priority(exec.asset)) {
        printed.push(...this.tradeThrough(exec, o, market, used));
        if (leaves(o) > 0 && this.crosses(exec, o)) printed.push(...this.take(exec, o, o.price!));
      }
      out.push(...printed);
      seen = printed;
      if (printed.length === 0 && triggered === 0) break;
    }
    return out;
  }

  /** Live limits (and triggered stops) by price priority: best bids and asks first. */
  private priority(asset: string): OrderRecord[] {
    const live = (this.resting.get(asset) ?? []).filter((o) => o.type !== "STOP_LIMIT" || o.triggered);
    return live.sort((a, b) => (isBuy(a) ? b.price! - a.price! : a.price! - b.price!));
  }

  private crosses(exec: MarketExecutor, o: OrderRecord): boolean {
    const opposite = isBuy(o) ? exec.bestAsk() : exec.bestBid();
    return opposite !== undefined && (isBuy(o) ? opposite <= o.price! : opposite >= o.price!);
  }

  /** A market trade through our price fills the rest at our price; a trade at our price fills up to its size. */
  private tradeThrough(
    exec: MarketExecutor,
    o: OrderRecord,
    trades: readonly Trade[],
    used: Map<number, number>,
  ): Trade[] {
    const out: Trade[] = [];
    const limit = o.price!;
    for (const t of trades) {
      if (leaves(o) === 0) break;
      const through = isBuy(o) ? t.price < limit : t.price > limit;
      const at = t.price === limit;
      if (!through && !at) continue;
      const left = t.quantity - (used.get(t.tradeNumber) ?? 0);
      const quantity = through ? leaves(o) : Math.min(leaves(o), left);
      if (quantity <= 0) continue;
      if (at) used.set(t.tradeNumber, (used.get(t.tradeNumber) ?? 0) + quantity);
      const counterparty = isBuy(o) ? t.sellAgent : t.buyAgent;
      const [buyAgent, sellAgent] = isBuy(o)
        ? [o.account.brokerId, counterparty]
        : [counterparty, o.account.brokerId];
      const type = isBuy(o) ? TradeType.AGGRESSIVE_SELL : TradeType.AGGRESSIVE_BUY;
      const trade = exec.print(limit, quantity, buyAgent, sellAgent, type);
      this.fill(o, quantity, limit, trade.tradeNumber);
      out.push(trade);
    }
    return out;
  }
}
