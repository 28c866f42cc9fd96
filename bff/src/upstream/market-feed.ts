import type { IDisposable } from "cockatiel";
import { MAX_FEED_STATUS_ASSETS, type Quote } from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import { LogThrottle } from "../lib/log-throttle.ts";
import type { RunInSpan } from "../lib/traced.ts";
import type { AssetWatch } from "./asset-watch.ts";
import { FeedBreaker, type FeedBreakerOptions } from "./breaker.ts";
import type { CatalogRefresher } from "./catalog-refresh.ts";
import { FeedClient, type FeedToken } from "./feed-client.ts";
import { composeIntegrity, type FeedIntegrity } from "./feed-integrity.ts";
import type { FeedRequests } from "./feed-requests.ts";
import { routeMessage } from "./feed-routing.ts";
import { FeedStatusTracker } from "./feed-status.ts";
import { InstrumentCatalog } from "./instruments.ts";
import { defaultIntegrity, type FeedIntegrityOptions } from "./integrity-options.ts";
import { MarketState, type MarketStateOptions } from "./market-state.ts";
import type { ResyncCoalescer } from "./resync-coalescer.ts";
import { UpstreamStats } from "./stats.ts";
import { SubscriptionRegistry } from "./subscriptions.ts";

export interface MarketFeedOptions {
  url: string;
  /** Bearer for each (re)connect: a static string, or a function minting a fresh one per attempt. */
  token: FeedToken;
  staleMs: number;
  deadMs: number;
  connectTimeoutMs: number;
  lingerMs: number;
  /** An asset not refreshed for this long is stale on screen (sent to browsers in `feed:status` `staleness`). */
  dataStaleAfterMs: number;
  breaker: FeedBreakerOptions;
  logger: Logger;
  /** Runs each connect attempt in a span (observability/spans.ts `withSpan`); untraced when absent. */
  traced?: RunInSpan;
  /** Period of the `feed:status` re-emit (every state; carries the moving lastMessageAt). */
  statusTickMs?: number;
  /** Request tracking, silence detection, catalog refresh and write bounds (defaults: `defaultIntegrity`). */
  integrity?: Partial<FeedIntegrityOptions>;
  /** Impossible-data checks of the market state (clock-skew tolerance). */
  market?: MarketStateOptions;
}

/**
 * The upstream façade: one feed link, its breaker, the instrument list, ref-counted subscriptions, market state and
 * feed status, wired together with the protocol's resync rules. Every request is tracked to its reply (retried with
 * backoff while still wanted), resyncs are coalesced per asset, an asset silent while the link flows is
 * re-subscribed, and the catalog is refreshed when evidence says it is incomplete.
 */
export class MarketFeed {
  readonly stats: UpstreamStats;
  readonly breaker: FeedBreaker;
  readonly client: FeedClient;
  readonly catalog = new InstrumentCatalog();
  readonly market: MarketState;
  readonly subscriptions: SubscriptionRegistry;
  readonly status: FeedStatusTracker;
  readonly requests: FeedRequests;
  readonly watch: AssetWatch;
  readonly resync: ResyncCoalescer;
  readonly refresher: CatalogRefresher;
  private readonly throttle: LogThrottle;
  private readonly integrity: FeedIntegrity;
  private readonly disposables: IDisposable[];

  constructor(private readonly options: MarketFeedOptions) {
    this.market = new MarketState({ logger: options.logger, ...options.market });
    const cfg = { ...defaultIntegrity, ...options.integrity };
    this.throttle = new LogThrottle(options.logger);
    this.stats = new UpstreamStats();
    this.breaker = new FeedBreaker(options.breaker);
    this.client = new FeedClient({ ...options, ...cfg, breaker: this.breaker, stats: this.stats });
    this.integrity = composeIntegrity(cfg, {
      client: this.client,
      catalog: this.catalog,
      market: this.market,
      stats: this.stats,
      throttle: this.throttle,
      held: () => this.subscriptions.held(),
    });
    this.watch = this.integrity.watch;
    this.requests = this.integrity.requests;
    this.resync = this.integrity.resync;
    this.refresher = this.integrity.refresher;
    this.subscriptions = new SubscriptionRegistry(
      { subscribe: (assets) => this.want(assets), unsubscribe: (assets) => this.unwant(assets) },
      options.lingerMs,
    );
    this.status = new FeedStatusTracker(
      {
        link: () => this.client.link,
        breaker: () => this.breaker.snapshot(),
        lastMessageAt: () => this.client.lastMessageAt,
        assets: () => this.watch.notOk(MAX_FEED_STATUS_ASSETS),
        catalog: () => this.catalog.state,
      },
      { linkStaleMs: options.staleMs, dataStaleAfterMs: options.dataStaleAfterMs },
      options.statusTickMs,
    );
    this.disposables = this.listen();
  }

  start(): void {
    this.client.start();
  }

  /** The asset's quote for a new subscriber, flagged `dataState` while the BFF is not receiving its data. */
  quote(asset: string): Quote | null {
    const q = this.market.quote(asset);
    const state = this.watch.stateOf(asset);
    return q && state !== null && state !== "ok" ? { ...q, dataState: state } : q;
  }

  /** True when `asset` is in the catalog, after a brief wait for a refresh when it is not (see CatalogRefresher). */
  resolve(asset: string): Promise<boolean> {
    return this.refresher.resolve(asset);
  }

  async close(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    this.status.dispose();
    this.subscriptions.dispose();
    this.integrity.dispose();
    this.throttle.flush();
    await this.client.close();
  }

  /** Wires the link's and the market state's events to the parts (the protocol's resync rules). */
  private listen(): IDisposable[] {
    return [
      this.client.onMessage((msg) => routeMessage(msg, this, this.throttle)),
      this.client.onConnected(({ reconnect }) => this.onConnected(reconnect)),
      this.client.onDisconnected(() => {
        this.requests.clear();
        this.resync.reset();
      }),
      this.client.onGap((gap) => {
        this.throttle.warn("gap", gap, "feed sequence gap: resyncing");
        for (const a of this.subscriptions.held()) this.market.markResyncing(a);
        this.resync.requestAll();
      }),
      this.market.onOutOfSync((asset) => {
        this.throttle.warn("out-of-sync", { asset }, "book out of sync: resyncing asset");
        this.resync.request(asset, "outOfSync");
      }),
      this.client.onLink(() => this.status.notify()),
      this.breaker.onChange(() => this.status.notify()),
    ];
  }

  private want(assets: string[]): void {
    for (const a of assets) {
      this.market.track(a);
      this.watch.pending(a);
    }
    this.requests.subscribe(assets);
  }

  private unwant(assets: string[]): void {
    this.requests.unsubscribe(assets);
    for (const a of assets) {
      this.market.forget(a);
      this.watch.forget(a);
      this.resync.forget(a);
    }
  }

  private onConnected(reconnect: boolean): void {
    this.options.logger.info({ reconnect }, "feed link live");
    this.requests.clear();
    this.resync.reset();
    this.refresher.connected();
    const held = this.subscriptions.held();
    if (held.length === 0) return;
    if (reconnect) this.stats.resync("link");
    for (const a of held) {
      this.market.markResyncing(a);
      this.watch.pending(a);
    }
    this.requests.subscribe(held);
  }
}
