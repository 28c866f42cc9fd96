import type {
  AccountRef,
  KillSwitchState,
  Order,
  OrderStatus,
  Position,
  ServiceTokenClaims,
  SubmitOrder,
} from "@pregao/contracts";
import { ProfitDllOrderStatus as S, WORKING_STATUSES } from "@pregao/contracts";
import { trace } from "@opentelemetry/api";
import type { Logger } from "pino";
import { inSpan } from "../lib/server-span.ts";
import type { Market, MarketEvent } from "../market/market.ts";
import { RiskEngine, type TradingHours } from "../risk/risk-engine.ts";
import { ServiceError } from "./errors.ts";
import { IdempotencyKeys } from "./idempotency.ts";
import { MatchingEngine, setStatus, type OrderRecord } from "./matching.ts";
import { accountKey, Positions } from "./positions.ts";
import { enforceOrderLimits } from "./pre-trade.ts";
import { orderIdFactory, validateAgainstInstrument } from "./validation.ts";

export type OrderEvent =
  | { type: "order"; order: Order }
  | { type: "positions"; account: AccountRef; positions: Position[] }
  | { type: "killSwitch"; state: KillSwitchState };

export interface OrderManagerOptions {
  market: Market;
  publish(event: MarketEvent): void;
  clock: () => number;
  log: Logger;
  tradingHours?: Partial<TradingHours>;
}

const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
const toOrder = ({ triggered: _t, ...o }: OrderRecord): Order => ({
  ...o,
  fills: o.fills.map((f) => ({ ...f })),
});
const isWorking = (o: Order) => WORKING_STATUSES.includes(o.status);

/** The order manager's state and operations; HTTP and the stream are thin layers over it. */
export class OrderManager {
  readonly risk: RiskEngine;
  readonly positions: Positions;
  private readonly matching: MatchingEngine;
  private readonly orders = new Map<string, OrderRecord>();
  private readonly idempotency = new IdempotencyKeys(IDEMPOTENCY_TTL_MS);
  private readonly listeners = new Set<(e: OrderEvent) => void>();
  private readonly nextId: () => string;

  constructor(private readonly opts: OrderManagerOptions) {
    const { market, clock } = opts;
    this.nextId = orderIdFactory(clock);
    this.risk = new RiskEngine(clock, opts.tradingHours);
    this.positions = new Positions((asset) => (market.has(asset) ? market.lastPrice(asset) : null));
    this.matching = new MatchingEngine({
      market,
      clock,
      publish: opts.publish,
      onFill: (o, qty, price) =>
        this.positions.fill(
          o.account,
          o.asset,
          o.side === "BUY",
          qty,
          price,
          market.instrument(o.asset).info.contractMultiplier,
        ),
      onChange: (o) => {
        this.emit({ type: "order", order: toOrder(o) });
        if (o.filledQuantity > 0) this.emitPositions(o.account);
      },
    });
  }

  on(listener: (e: OrderEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Submits an order for `claims.sub`; synchronous after validation so concurrent duplicates cannot both pass. */
  submit(claims: ServiceTokenClaims, body: SubmitOrder): { order: Order; created: boolean } {
    const now = this.opts.clock();
    const seen = this.idempotency.find(claims.sub, body, now);
    if (seen !== undefined) return { order: toOrder(this.orders.get(seen)!), created: false };
    validateAgainstInstrument(this.opts.market, body);
    // Closed market or kill switch: the risk chain below refuses with that reason; a collar prompt first would only
    // make the trader confirm an order that cannot be placed.
    if (this.risk.isOpen() && !this.risk.killSwitch.active)
      enforceOrderLimits(this.opts.market, this.risk.orderLimits, body, claims.sub, this.opts.log);
    const o: OrderRecord = {
      orderId: this.nextId(),
      account: body.account,
      asset: body.asset,
      side: body.side,
      type: body.type,
      quantity: body.quantity,
      filledQuantity: 0,
      price: body.price ?? null,
      stopPrice: body.stopPrice ?? null,
      avgFillPrice: null,
      status: "PENDING",
      profitDllStatus: S.PENDING_NEW,
      timeInForce: body.timeInForce,
      fills: [],
      reason: null,
      userId: claims.sub,
      createdAt: now,
      updatedAt: now,
      triggered: false,
    };
    this.orders.set(o.orderId, o);
    this.idempotency.remember(claims.sub, body, o.orderId, now);
    const record = inSpan("risk.check", { "pregao.asset": o.asset }, () => {
      const r = this.risk.check({
        orderId: o.orderId,
        asset: o.asset,
        signedQuantity: o.side === "BUY" ? o.quantity : -o.quantity,
        currentPosition: this.positions.net(o.account, o.asset),
        currentDailyLoss: this.positions.dailyLoss(o.account),
      });
      trace.getActiveSpan()?.setAttribute("pregao.risk.result", r.result);
      return r;
    });
    this.opts.log[record.result === "approved" ? "info" : "warn"](
      { audit: "risk_check", userId: claims.sub, ...record },
      "risk check",
    );
    if (record.result === "rejected") {
      setStatus(o, S.REJECTED, now, record.reason);
      this.emit({ type: "order", order: toOrder(o) });
      const reason = record.reason ?? "rejected by risk";
      throw Object.assign(new ServiceError(403, "RISK_REJECTED", reason, undefined, record.details), {
        order: toOrder(o),
      });
    }
    setStatus(o, S.NEW, now);
    this.matching.enter(o);
    return { order: toOrder(o), created: true };
  }

  get(orderId: string): Order | undefined {
    const o = this.orders.get(orderId);
    return o && toOrder(o);
  }

  list(filter: { accounts: (a: AccountRef) => boolean; status?: OrderStatus; asset?: string }): Order[] {
    return [...this.orders.values()]
      .filter(
        (o) =>
          filter.accounts(o.account) &&
          (!filter.status || o.status === filter.status) &&
          (!filter.asset || o.asset === filter.asset),
      )
      .sort((a, b) => b.createdAt - a.createdAt)
      .map(toOrder);
  }

  /** Idempotent cancel; a FILLED order → 409 CONFLICT. */
  cancel(orderId: string, reason = "Canceled by user"): Order {
    const o = this.orders.get(orderId);
    if (!o) throw new ServiceError(404, "NOT_FOUND", `order ${orderId} not found`);
    if (o.status === "FILLED") throw new ServiceError(409, "CONFLICT", `order ${orderId} is already FILLED`);
    if (isWorking(o)) this.matching.finish(o, S.CANCELED, S.PARTIALLY_FILLED_CANCELED, reason);
    return toOrder(o);
  }

  /** Cancels every working order whose account matches; returns how many. */
  cancelWhere(match: (a: AccountRef) => boolean, reason: string, admin = false): number {
    let n = 0;
    for (const o of this.matching.working())
      if (match(o.account)) {
        this.matching.finish(
          o,
          admin ? S.CANCELED_BY_ADMIN : S.CANCELED,
          admin ? S.CANCELED_BY_ADMIN : S.PARTIALLY_FILLED_CANCELED,
          reason,
        );
        n++;
      }
    return n;
  }

  activateKillSwitch(
    reason: string,
    by: string,
    cancelAll: boolean,
  ): { state: KillSwitchState; ordersCanceled: number } {
    const changed = this.risk.activate(reason, by);
    if (changed) this.emit({ type: "killSwitch", state: { ...this.risk.killSwitch } });
    const ordersCanceled = cancelAll
      ? this.cancelWhere(() => true, `Kill switch active: ${reason}`, true)
      : 0;
    this.opts.log.warn(
      { audit: "kill_switch_activated", by, reason, ordersCanceled, changed },
      "kill switch",
    );
    return { state: { ...this.risk.killSwitch }, ordersCanceled };
  }

  deactivateKillSwitch(reason: string, by: string): KillSwitchState {
    if (this.risk.deactivate()) this.emit({ type: "killSwitch", state: { ...this.risk.killSwitch } });
    this.opts.log.warn({ audit: "kill_switch_deactivated", by, reason }, "kill switch");
    return { ...this.risk.killSwitch };
  }

  private wasOpen: boolean | null = null;

  /**
   * Called every second by the service: when the trading session closes (open → closed in America/Sao_Paulo),
   * DAY orders expire. With always-open hours (the demo default) nothing ever expires. Returns how many expired.
   */
  sessionTick(): number {
    const open = this.risk.isOpen();
    const closed = this.wasOpen === true && !open;
    this.wasOpen = open;
    return closed ? this.expireDay() : 0;
  }

  /** Expires DAY orders (end of the trading session). */
  expireDay(): number {
    let n = 0;
    for (const o of this.matching.working())
      if (o.timeInForce === "DAY") {
        this.matching.finish(
          o,
          S.EXPIRED,
          S.PARTIALLY_FILLED_EXPIRED,
          "Expired at the end of the trading day",
        );
        n++;
      }
    return n;
  }

  /** QA isolation: kill switch off, realised P&L (daily loss counters) zero. */
  resetRisk(): void {
    this.deactivateKillSwitch("risk reset (control)", "control");
    this.positions.resetDay();
    for (const a of this.positions.accounts()) this.emitPositions(a);
  }

  positionsOf(account: AccountRef): Position[] {
    const k = accountKey(account);
    return this.positions.list((a) => accountKey(a) === k);
  }

  knownAccounts(): AccountRef[] {
    const seen = new Map<string, AccountRef>();
    for (const o of this.orders.values()) seen.set(accountKey(o.account), o.account);
    for (const a of this.positions.accounts()) seen.set(accountKey(a), a);
    return [...seen.values()];
  }

  private emitPositions(account: AccountRef): void {
    this.emit({ type: "positions", account, positions: this.positionsOf(account) });
  }

  private emit(e: OrderEvent): void {
    for (const l of this.listeners) l(e);
  }
}
