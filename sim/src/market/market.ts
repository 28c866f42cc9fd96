import type { AssetInfo, BookSides, Daily, FeedServerMessage, Trade } from "@pregao/contracts";
import { AssetState } from "./asset-state.ts";
import { createExecutor, type MarketExecutor, type TradeHook } from "./execution.ts";
import { loadInstruments, type Instrument } from "./instruments.ts";
import { LiquidityProvider } from "./liquidity.ts";
import { PriceModel } from "./price-model.ts";
import { Rng, WeightedPicker } from "./rng.ts";
import { TradeEngine } from "./trades.ts";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A server message before the connection stamps its `seq`. */
export type OutboundMessage = DistributiveOmit<FeedServerMessage, "seq">;

/** What one market step produced for one asset: trade(s) + daily + book, a book change alone, or a cross. */
export interface MarketEvent {
  asset: string;
  messages: OutboundMessage[];
}

export interface MarketOptions {
  seed: number;
  instruments?: readonly Instrument[];
  /** Exchange clock in epoch ms; the only source of `ts`. */
  clock: () => number;
}

/** Raised for an asset the market does not list. */
export class UnknownAssetError extends Error {
  readonly code = "UNKNOWN_ASSET";
  constructor(asset: string) {
    super(`unknown asset ${asset}`);
    this.name = "UnknownAssetError";
  }
}

/**
 * The simulated market: pure and deterministic given the seed, the instrument list, the clock and the sequence of
 * `step()` calls. No timers or I/O; the feed server drives it.
 */
export class Market {
  private readonly rng: Rng;
  private readonly states: AssetState[];
  private readonly index = new Map<string, number>();
  private readonly picker: WeightedPicker;
  private readonly model: PriceModel;
  private readonly trades: TradeEngine;
  private readonly liquidity: LiquidityProvider;
  private readonly clock: () => number;
  private hook: TradeHook | undefined;

  constructor(opts: MarketOptions) {
    this.rng = new Rng(opts.seed);
    this.clock = opts.clock;
    const instruments = opts.instruments ?? loadInstruments();
    this.states = instruments.map((inst) => new AssetState(inst, this.rng));
    this.states.forEach((s, i) => this.index.set(s.asset, i));
    this.picker = new WeightedPicker(instruments.map((i) => i.liquidity));
    this.model = new PriceModel(
      this.states.map((s) => s.model),
      this.rng,
    );
    this.trades = new TradeEngine(this.rng);
    this.liquidity = new LiquidityProvider(this.rng);
  }

  has(asset: string): boolean {
    return this.index.has(asset);
  }

  assets(): AssetInfo[] {
    return this.states.map((s) => s.instrument.info);
  }

  book(asset: string): BookSides {
    return this.state(asset).book.sides();
  }

  daily(asset: string): Daily {
    return this.state(asset).daily.snapshot();
  }

  instrument(asset: string): Instrument {
    return this.state(asset).instrument;
  }

  /** Last trade price (the daily close). */
  lastPrice(asset: string): number {
    return this.state(asset).daily.snapshot().close;
  }

  /** Installs the order engine's hook, run after every step and act with the trades printed (see execution.ts). */
  setTradeHook(hook: TradeHook | undefined): void {
    this.hook = hook;
  }

  /** Runs flow outside the random walk (our orders, QA trade-through) on one asset; returns what to publish. */
  act(asset: string, fn: (exec: MarketExecutor) => Trade[]): MarketEvent {
    const s = this.state(asset);
    const ts = this.clock();
    const trades = fn(createExecutor(s, this.trades));
    return this.finish(s, ts, trades);
  }

  /** The subscribe reply for one asset: assetInfo, tickerState, daily, bookSnapshot. */
  snapshot(asset: string): OutboundMessage[] {
    const s = this.state(asset);
    const ts = this.clock();
    const { bids, asks } = s.book.sides();
    return [
      { ts, type: "assetInfo", info: s.instrument.info },
      { ts, type: "tickerState", asset, state: 0 },
      { ts, type: "daily", asset, daily: s.daily.snapshot() },
      { ts, type: "bookSnapshot", asset, bids, asks },
    ];
  }

  /** Advances the market by one event on `asset` (default: an asset drawn by liquidity). */
  step(asset?: string): MarketEvent {
    const i = asset === undefined ? this.picker.pick(this.rng) : this.indexOf(asset);
    const s = this.states[i]!;
    s.fairTicks = this.model.advance(i);
    const bid = s.book.bestBid() ?? s.fairTicks;
    const ask = s.book.bestAsk() ?? s.fairTicks;
    const bias = s.fairTicks - (bid + ask) / 2;
    const ts = this.clock();
    const trades: Trade[] = [];
    const r = this.rng.next();
    if (r < 0.04) {
      const trade = this.trades.cross(s);
      if (trade) trades.push(trade);
    } else if (r < 0.5) {
      const buy = this.rng.chance(0.5 + 0.4 * Math.tanh(bias / 3));
      const sweep = this.rng.chance(Math.abs(bias) > 4 ? 0.35 : 0.08) ? this.rng.int(1, 3) : 0;
      trades.push(...this.trades.aggressive(s, buy, sweep));
      this.liquidity.maintain(s);
    } else {
      this.liquidity.change(s, bias);
    }
    return this.finish(s, ts, trades);
  }

  /** Lets the hook react (our resting orders), restores depth, and builds trade(s) + daily + book messages. */
  private finish(s: AssetState, ts: number, trades: Trade[]): MarketEvent {
    if (this.hook) trades.push(...this.hook(createExecutor(s, this.trades), trades));
    if (trades.length > 0) this.liquidity.maintain(s);
    const messages: OutboundMessage[] = trades.map((trade) => ({ ts, type: "trade", asset: s.asset, trade }));
    if (messages.length > 0) messages.push({ ts, type: "daily", asset: s.asset, daily: s.daily.snapshot() });
    const updates = s.book.drain();
    if (updates.length > 0) messages.push({ ts, type: "book", asset: s.asset, updates });
    return { asset: s.asset, messages };
  }

  private indexOf(asset: string): number {
    const i = this.index.get(asset);
    if (i === undefined) throw new UnknownAssetError(asset);
    return i;
  }

  private state(asset: string): AssetState {
    return this.states[this.indexOf(asset)]!;
  }
}
