import type { AccountRef, Position } from "@pregao/contracts";
import { roundMoney } from "../market/daily.ts";

interface Book {
  account: AccountRef;
  asset: string;
  net: number;
  avg: number | null;
  realized: number;
  multiplier: number;
}

export const accountKey = (a: AccountRef) => `${a.brokerId}/${a.accountId}`;

/**
 * Net position and P&L per account and asset: weighted average price (reset when flat), realised P&L on reductions,
 * unrealised marked at the asset's last trade, both times the contract multiplier (WIN 0.2, WDO 10).
 */
export class Positions {
  private readonly books = new Map<string, Book>();

  constructor(private readonly mark: (asset: string) => number | null) {}

  /** Applies one fill (signed by side). */
  fill(
    account: AccountRef,
    asset: string,
    buy: boolean,
    quantity: number,
    price: number,
    multiplier: number,
  ): void {
    const key = `${accountKey(account)}|${asset}`;
    let b = this.books.get(key);
    if (!b) this.books.set(key, (b = { account, asset, net: 0, avg: null, realized: 0, multiplier }));
    const signed = buy ? quantity : -quantity;
    if (b.net === 0 || Math.sign(b.net) === Math.sign(signed)) {
      const size = Math.abs(b.net);
      b.avg = ((b.avg ?? 0) * size + price * quantity) / (size + quantity);
      b.net += signed;
      return;
    }
    const closing = Math.min(quantity, Math.abs(b.net));
    b.realized = roundMoney(b.realized + closing * (price - b.avg!) * Math.sign(b.net) * multiplier);
    b.net += signed;
    if (b.net === 0) b.avg = null;
    else if (Math.sign(b.net) === Math.sign(signed)) b.avg = price;
  }

  net(account: AccountRef, asset: string): number {
    return this.books.get(`${accountKey(account)}|${asset}`)?.net ?? 0;
  }

  /** Positions of the accounts matching `include` (every asset ever traded, flat ones too: realised P&L stays). */
  list(include: (a: AccountRef) => boolean): Position[] {
    const out: Position[] = [];
    for (const b of this.books.values()) if (include(b.account)) out.push(this.toPosition(b));
    return out;
  }

  /** Daily loss of one account: −(realised + unrealised), 0 when it is making money. */
  dailyLoss(account: AccountRef): number {
    const key = accountKey(account);
    let pnl = 0;
    for (const b of this.books.values())
      if (accountKey(b.account) === key) {
        const p = this.toPosition(b);
        pnl += p.realizedPnl + p.unrealizedPnl;
      }
    return Math.max(0, roundMoney(-pnl));
  }

  accounts(): AccountRef[] {
    const seen = new Map<string, AccountRef>();
    for (const b of this.books.values()) seen.set(accountKey(b.account), b.account);
    return [...seen.values()];
  }

  /** Forgets realised P&L (a new trading day / QA reset); open quantities stay at their average. */
  resetDay(): void {
    for (const b of this.books.values()) b.realized = 0;
  }

  private toPosition(b: Book): Position {
    const markPrice = this.mark(b.asset);
    const unrealized = b.avg === null || markPrice === null ? 0 : (markPrice - b.avg) * b.net * b.multiplier;
    return {
      account: b.account,
      asset: b.asset,
      netQuantity: b.net,
      averagePrice: b.avg === null ? null : Math.round(b.avg * 1e6) / 1e6,
      marketPrice: markPrice,
      realizedPnl: b.realized,
      unrealizedPnl: roundMoney(unrealized),
      currency: "BRL",
    };
  }
}
