import type { KillSwitchState, RiskCheckRecord, RiskLimits, UpdateRiskLimits } from "@pregao/contracts";
import { OrderLimitBook } from "./order-limits.ts";

export interface TradingHours {
  start: string;
  end: string;
  timezone: string;
  alwaysOpen: boolean;
}

/**
 * Demo defaults (OM-SPEC MVP values): R$ 5,000 daily loss; max |position| PETR4 1,000, VALE3 500 shares, the mini
 * futures 100 contracts, anything else 10,000 units; 09:00–18:00 America/Sao_Paulo but always open for the demo.
 */
export const DEFAULT_RISK = {
  dailyLossLimit: 5000,
  maxPositionSize: { "PETR4:B": 1000, "VALE3:B": 500, "WINZ26:F": 100, "WDOZ26:F": 100 } as Record<
    string,
    number
  >,
  defaultMaxPosition: 10_000,
  tradingHours: {
    start: "09:00",
    end: "18:00",
    timezone: "America/Sao_Paulo",
    alwaysOpen: true,
  } as TradingHours,
};

export interface RiskInput {
  orderId: string;
  asset: string;
  /** Signed order quantity (+ buy, − sell). */
  signedQuantity: number;
  currentPosition: number;
  currentDailyLoss: number;
}

const AUDIT_RING = 500;
/** The numbers behind a pre-trade refusal (403 RISK_REJECTED `details`); the web formats them per locale. */
export type RiskRejectionDetails =
  | { rule: "TRADING_HOURS"; start: string; end: string; timezone: string }
  | { rule: "KILL_SWITCH"; killSwitchReason: string }
  | { rule: "DAILY_LOSS_LIMIT"; value: number; limit: number }
  | { rule: "POSITION_LIMIT"; asset: string; value: number; limit: number };

const brl = (n: number) => `R$${n.toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
const units = (n: number) => n.toLocaleString("en-US");

/** "HH:MM" of `now` in `timezone`. */
export function clockIn(timezone: string, now: number): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return `${get("hour")}:${get("minute")}`;
}

/** Limits, the kill switch and the fail-fast pre-trade checks (OM-SPEC §2.3), with a bounded audit ring. */
export class RiskEngine {
  dailyLossLimit = DEFAULT_RISK.dailyLossLimit;
  maxPositionSize: Record<string, number> = { ...DEFAULT_RISK.maxPositionSize };
  defaultMaxPosition = DEFAULT_RISK.defaultMaxPosition;
  tradingHours: TradingHours;
  killSwitch: KillSwitchState = { active: false, reason: null, activatedAt: null, activatedBy: null };
  updatedAt: number;
  updatedBy: string | null = null;
  /** Per-instrument maximum quantity / notional and price collar, checked before the chain below (order-limits.ts). */
  readonly orderLimits = new OrderLimitBook();
  private readonly audit: RiskCheckRecord[] = [];

  constructor(
    private readonly clock: () => number,
    hours: Partial<TradingHours> = {},
  ) {
    this.tradingHours = { ...DEFAULT_RISK.tradingHours, ...hours };
    this.updatedAt = clock();
  }

  isOpen(now = this.clock()): boolean {
    const h = this.tradingHours;
    if (h.alwaysOpen) return true;
    const t = clockIn(h.timezone, now);
    return t >= h.start && t < h.end;
  }

  maxFor(asset: string): number {
    return this.maxPositionSize[asset] ?? this.defaultMaxPosition;
  }

  /** Runs the checks in order, stops at the first failure (the rest are "skipped"), records and returns the audit. */
  check(input: RiskInput): RiskCheckRecord & { details?: RiskRejectionDetails } {
    const names = ["tradingHours", "killSwitch", "dailyLossLimit", "positionSizeLimit"] as const;
    const after = input.currentPosition + input.signedQuantity;
    const ticker = input.asset.split(":")[0];
    // Each failure: the English reason (logs, the order's `reason`) and its numbers as `details` (`rule` + values),
    // which the UI words and formats in the user's language.
    type Failure = { reason: string; details: RiskRejectionDetails } | undefined;
    const failures: Record<(typeof names)[number], () => Failure> = {
      tradingHours: () =>
        this.isOpen()
          ? undefined
          : {
              reason: `Outside trading hours: ${this.tradingHours.start}–${this.tradingHours.end} ${this.tradingHours.timezone}`,
              details: {
                rule: "TRADING_HOURS",
                start: this.tradingHours.start,
                end: this.tradingHours.end,
                timezone: this.tradingHours.timezone,
              },
            },
      killSwitch: () =>
        this.killSwitch.active
          ? {
              reason: `Kill switch active: ${this.killSwitch.reason ?? ""}`,
              details: { rule: "KILL_SWITCH", killSwitchReason: this.killSwitch.reason ?? "" },
            }
          : undefined,
      dailyLossLimit: () =>
        input.currentDailyLoss >= this.dailyLossLimit
          ? {
              reason: `Daily loss limit exceeded: ${brl(input.currentDailyLoss)} / ${brl(this.dailyLossLimit)}`,
              details: {
                rule: "DAILY_LOSS_LIMIT",
                value: input.currentDailyLoss,
                limit: this.dailyLossLimit,
              },
            }
          : undefined,
      positionSizeLimit: () =>
        Math.abs(after) > this.maxFor(input.asset)
          ? {
              reason: `Position limit exceeded: ${ticker} ${units(Math.abs(after))} / ${units(this.maxFor(input.asset))}`,
              details: {
                rule: "POSITION_LIMIT",
                asset: input.asset,
                value: Math.abs(after),
                limit: this.maxFor(input.asset),
              },
            }
          : undefined,
    };
    const checks = {} as RiskCheckRecord["checks"];
    let failure: Failure;
    for (const name of names) {
      if (failure !== undefined) {
        checks[name] = "skipped";
        continue;
      }
      failure = failures[name]();
      checks[name] = failure === undefined ? "passed" : "failed";
    }
    const reason = failure?.reason;
    const record: RiskCheckRecord = {
      timestamp: this.clock(),
      orderId: input.orderId,
      checks,
      result: reason === undefined ? "approved" : "rejected",
      ...(reason === undefined ? {} : { reason }),
    };
    this.audit.push(record);
    if (this.audit.length > AUDIT_RING) this.audit.shift();
    return failure ? { ...record, details: failure.details } : record;
  }

  recent(limit: number): RiskCheckRecord[] {
    return this.audit.slice(-limit).reverse();
  }

  /** Applies the patch all or nothing; returns the offending field when the order limits would contradict. */
  update(patch: UpdateRiskLimits, by: string): string | null {
    const bad = this.orderLimits.apply(patch);
    if (bad !== null) return bad;
    if (patch.dailyLossLimit !== undefined) this.dailyLossLimit = patch.dailyLossLimit;
    if (patch.maxPositionSize) {
      const next = { ...this.maxPositionSize };
      for (const [asset, max] of Object.entries(patch.maxPositionSize))
        if (max === null) delete next[asset];
        else next[asset] = max;
      this.maxPositionSize = next;
    }
    if (patch.tradingHours) this.tradingHours = { ...this.tradingHours, ...patch.tradingHours };
    this.updatedAt = this.clock();
    this.updatedBy = by;
    return null;
  }

  activate(reason: string, by: string): boolean {
    if (this.killSwitch.active) return false;
    this.killSwitch = { active: true, reason, activatedAt: this.clock(), activatedBy: by };
    return true;
  }

  deactivate(): boolean {
    if (!this.killSwitch.active) return false;
    this.killSwitch = { active: false, reason: null, activatedAt: null, activatedBy: null };
    return true;
  }

  limits(currentDailyLoss: number): RiskLimits {
    return {
      dailyLossLimit: this.dailyLossLimit,
      currentDailyLoss,
      maxPositionSize: { ...this.maxPositionSize },
      defaultMaxPosition: this.defaultMaxPosition,
      tradingHours: { ...this.tradingHours },
      killSwitch: { ...this.killSwitch },
      ...this.orderLimits.snapshot(),
      updatedAt: this.updatedAt,
      updatedBy: this.updatedBy,
    };
  }
}
