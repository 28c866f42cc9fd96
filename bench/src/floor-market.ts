/**
 * The floor relay's market state (pure): per asset the newest daily, last trade, ticker state and book, merged into
 * the same `Quote` the BFF sends, so the floor's batches carry the same fields. No validation, no bounds, no history:
 * the least state a relay needs to send a merged quote.
 */
import {
  applyBookUpdates,
  BookOutOfSyncError,
  type BookLevel,
  type BookUpdate,
  type Daily,
  type Quote,
  type Trade,
} from "@pregao/contracts";

/** The upstream messages the floor reads (a subset of contracts' FeedServerMessage, parsed without zod). */
export type FloorMessage =
  | { type: "daily"; asset: string; ts: number; daily: Daily }
  | { type: "trade"; asset: string; ts: number; trade: Trade }
  | { type: "tickerState"; asset: string; ts: number; state: number }
  | { type: "bookSnapshot"; asset: string; ts: number; bids: BookLevel[]; asks: BookLevel[] }
  | { type: "book"; asset: string; ts: number; updates: BookUpdate[] }
  | { type: string; asset?: string; ts?: number };

interface Row {
  daily: Daily | null;
  last: number | null;
  lastTradeAt: number | null;
  tickerState: number | null;
  book: { bids: BookLevel[]; asks: BookLevel[] } | null;
  exchangeTs: number;
  receivedAt: number;
}

const round = (n: number, digits: number): number => Number(n.toFixed(digits));

export class FloorMarket {
  private readonly rows = new Map<string, Row>();

  /** Applies one message; returns the asset whose quote changed, or null. */
  apply(msg: FloorMessage, receivedAt: number): string | null {
    const asset = msg.asset;
    if (asset === undefined || msg.ts === undefined) return null;
    let row = this.rows.get(asset);
    if (!row) {
      row = {
        daily: null,
        last: null,
        lastTradeAt: null,
        tickerState: null,
        book: null,
        exchangeTs: 0,
        receivedAt: 0,
      };
      this.rows.set(asset, row);
    }
    const changed = applyTo(row, msg);
    if (changed === null) return null;
    // Every applied message moves the times (as the BFF), even one that leaves the quote as it was.
    row.exchangeTs = Math.max(row.exchangeTs, msg.ts);
    row.receivedAt = receivedAt;
    return changed === "quote" && row.daily && row.book ? asset : null;
  }

  /** The merged quote, once the asset has a daily and a book (as the BFF: not before). */
  quote(asset: string): Quote | null {
    const r = this.rows.get(asset);
    if (!r?.daily || !r.book) return null;
    const d = r.daily;
    const prev = d.previousClose;
    const change = r.last !== null && prev !== null ? round(r.last - prev, 8) : null;
    const bid = r.book.bids[0];
    const ask = r.book.asks[0];
    return {
      asset,
      last: r.last,
      previousClose: prev,
      change,
      changePct: change !== null && prev ? round((change / prev) * 100, 4) : null,
      open: d.open,
      high: d.high,
      low: d.low,
      bid: bid?.price ?? null,
      bidQty: bid?.quantity ?? null,
      ask: ask?.price ?? null,
      askQty: ask?.quantity ?? null,
      volume: d.volume,
      quantity: d.quantity,
      trades: d.trades,
      lastTradeAt: r.lastTradeAt,
      tickerState: r.tickerState,
      exchangeTs: r.exchangeTs,
      receivedAt: r.receivedAt,
    };
  }
}

/** What one message changed: the quote, only the state behind it (a diff below the top of the book), or nothing. */
type Changed = "quote" | "state" | null;

function applyTo(row: Row, msg: FloorMessage): Changed {
  const m = msg as Extract<
    FloorMessage,
    { type: "daily" | "trade" | "tickerState" | "bookSnapshot" | "book" }
  >;
  switch (m.type) {
    case "daily":
      row.daily = m.daily;
      row.last = m.daily.close;
      return "quote";
    case "trade":
      row.last = m.trade.price;
      row.lastTradeAt = m.ts;
      return "quote";
    case "tickerState":
      row.tickerState = m.state;
      return "quote";
    case "bookSnapshot":
      row.book = { bids: m.bids, asks: m.asks };
      return "quote";
    case "book": {
      if (!row.book) return null;
      const { bids, asks } = row.book;
      const [bid, ask] = [bids[0], asks[0]];
      try {
        applyBookUpdates(row.book, m.updates);
      } catch (e) {
        // A diff that does not fit: drop the book until the next snapshot (the floor never asks for one).
        if (e instanceof BookOutOfSyncError) row.book = null;
        else throw e;
      }
      // The quote changes only when a top level does (levels are replaced, never edited in place): as the BFF, a
      // diff deeper in the book sends no quote. Counting those as delivered updates made the floor's CPU per update
      // look cheaper than the same job costs.
      if (row.book === null) return null;
      return bids[0] !== bid || asks[0] !== ask ? "quote" : "state";
    }
    default:
      return null;
  }
}
