import { TradeType, type Daily } from "@pregao/contracts";

/** Rounds a financial amount to centavos (ProfitDLL reports R$ volumes with two decimals). */
export function roundMoney(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The session statistics of one asset (`TNewDailyCallback`). They start from seeded values (the session is already
 * open) and from then on change only through `record`, so they always agree with the trades emitted.
 */
export class DailyStats {
  private readonly d: Daily;

  constructor(initial: Daily) {
    this.d = { ...initial };
  }

  record(price: number, quantity: number, volume: number, tradeType: number): void {
    const d = this.d;
    if (d.trades === 0) d.open = price;
    d.high = d.trades === 0 ? price : Math.max(d.high, price);
    d.low = d.trades === 0 ? price : Math.min(d.low, price);
    d.close = price;
    d.quantity += quantity;
    d.trades += 1;
    d.volume = roundMoney(d.volume + volume);
    if (tradeType === TradeType.AGGRESSIVE_BUY) d.volumeBuyer = roundMoney(d.volumeBuyer + volume);
    if (tradeType === TradeType.AGGRESSIVE_SELL) d.volumeSeller = roundMoney(d.volumeSeller + volume);
  }

  get tradeCount(): number {
    return this.d.trades;
  }

  snapshot(): Daily {
    return { ...this.d };
  }
}
