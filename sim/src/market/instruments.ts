import { SecuritySubType, SecurityType, type AssetInfo } from "@pregao/contracts";
import { SECTORS, STOCKS, type SectorKey, type ShareClass, type StockRow } from "./instruments-data.ts";

/** One simulated instrument: what ProfitDLL reports about it plus the parameters of its price model. */
export interface Instrument {
  info: AssetInfo;
  /** Previous session's close (`GetLastDailyClose`), on the tick grid. */
  previousClose: number;
  /** Sensitivity to the market factor. */
  beta: number;
  /** Relative volatility (1 = a typical large cap). */
  volatility: number;
  /** Relative share of market events. */
  liquidity: number;
  /** Largest typical resting/aggressive order, in lots. */
  maxOrderLots: number;
  /** Daily price band as a fraction of the previous close (B3 tunnel). */
  limitPct: number;
  /** Futures carry a settlement price and open interest; stocks do not. */
  isFuture: boolean;
}

const SECTOR_BETA: Record<SectorKey, number> = {
  oil: 1.15,
  mat: 1.1,
  fin: 1.0,
  cons: 0.8,
  cyc: 1.35,
  ind: 0.95,
  util: 0.7,
  health: 0.9,
  tel: 0.6,
  tech: 1.05,
  re: 1.25,
};
const BETA_OVERRIDES: Record<string, number> = {
  IVVB11: 0.15,
  GOLD11: -0.1,
  HASH11: 0.3,
  BOVA11: 1,
  SMAL11: 1.2,
};

const ISIN_SUFFIX: Record<ShareClass, string> = {
  ON: "ACNOR",
  PN: "ACNPR",
  PNA: "ACNPA",
  PNB: "ACNPB",
  UNT: "CDAM1",
  ETF: "CTF00",
};

/** ISIN check digit (ISO 6166): letters become two digits (A=10…), then Luhn over the digit string. */
export function isinCheckDigit(body: string): number {
  const digits = [...body].map((c) => (c >= "A" ? String(c.charCodeAt(0) - 55) : c)).join("");
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function stock(row: StockRow): Instrument {
  const [ticker, company, cls, price, sector, liquidity, volatility] = row;
  const isinBody = `BR${ticker.slice(0, 4)}${ISIN_SUFFIX[cls]}`;
  const isEtf = cls === "ETF";
  const subType =
    cls === "ON"
      ? SecuritySubType.COMMON_SHARES
      : cls === "UNT" || isEtf
        ? SecuritySubType.STOCK
        : SecuritySubType.PREFERRED_SHARES;
  return {
    info: {
      asset: `${ticker}:B`,
      name: ticker,
      description: `${company} ${isEtf ? "CI" : cls}`,
      minOrderQty: 100,
      maxOrderQty: 10_000_000,
      lot: 100,
      securityType: isEtf ? SecurityType.ETF : SecurityType.STOCK,
      securitySubType: subType,
      tickSize: 0.01,
      contractMultiplier: 1,
      validDate: null,
      isin: `${isinBody}${isinCheckDigit(isinBody)}`,
      sector: SECTORS[sector],
    },
    previousClose: price,
    beta: BETA_OVERRIDES[ticker] ?? SECTOR_BETA[sector],
    volatility,
    liquidity,
    maxOrderLots: price < 10 ? 20 : price < 40 ? 10 : 5,
    limitPct: 0.1,
    isFuture: false,
  };
}

function future(
  ticker: string,
  description: string,
  price: number,
  tickSize: number,
  contractMultiplier: number,
  validDate: string,
  beta: number,
  liquidity: number,
): Instrument {
  return {
    info: {
      asset: `${ticker}:F`,
      name: ticker,
      description,
      minOrderQty: 1,
      maxOrderQty: 10_000,
      lot: 1,
      securityType: SecurityType.FUTURE,
      securitySubType: SecuritySubType.MINI_CONTRACT,
      tickSize,
      contractMultiplier,
      validDate,
      isin: null,
      sector: null,
    },
    previousClose: price,
    beta,
    volatility: 0.9,
    liquidity,
    maxOrderLots: 25,
    limitPct: 0.1,
    isFuture: true,
  };
}

/** The mini futures: WIN (mini Ibovespa, 5 points, R$0.20/point) and WDO (mini dollar, 0.5, R$10/point). */
export const FUTURES: readonly Instrument[] = [
  future("WINZ26", "MINI IBOVESPA DEZ26", 155_000, 5, 0.2, "2026-12-16", 1, 90),
  future("WDOZ26", "MINI DOLAR DEZ26", 5_400, 0.5, 10, "2026-12-01", -0.4, 60),
];

/**
 * Every instrument the simulator can serve, most liquid first (futures right after the top stocks, so small
 * `assets` counts still include them). `count` truncates the list (at least 1).
 */
export function loadInstruments(count?: number): Instrument[] {
  const stocks = STOCKS.map(stock);
  const all = [...stocks.slice(0, 20), ...FUTURES, ...stocks.slice(20)];
  return count === undefined ? all : all.slice(0, Math.max(1, Math.floor(count)));
}
