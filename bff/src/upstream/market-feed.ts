import type { IDisposable } from "cockatiel";
import { MAX_FEED_STATUS_ASSETS, type FeedServerMessage, type Quote } from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import { LogThrottle } from "../lib/log-throttle.ts";
import { AssetWatch } from "./asset-watch.ts";
import { FeedBreaker, type FeedBreakerOptions } from "./breaker.ts";
import { CatalogRefresher } from "./catalog-refresh.ts";
import { FeedClient, type FeedToken } from "./feed-client.ts";
import { FeedRequests } from "./feed-requests.ts";
import { FeedStatusTracker } from "./feed-status.ts";
import { InstrumentCatalog } from "./instruments.ts";
import { defaultIntegrity, type FeedIntegrityOptions } from "./integrity-options.ts";
import { MarketState, type MarketStateOptions } from "./market-state.ts";
import type { RequestSpec } from "./request-tracker.ts";
import { ResyncCoalescer } from "./resync-coalescer.ts";
import { SilenceWatchdog } from "./silence-watchdog.ts";
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
  breaker: FeedBreakerOptions;
  logger: Logger;
  /** Period of the `feed:status` re-emit (every state; carries the moving lastMessageAt). */
  statusTickMs?: number;
  /** Request tracking, silence detection, catalog refresh and write bounds (defaults: `defaultIntegrity`). */
  integrity?: Partial<FeedIntegrityOptions>;
  /** Impossible-data checks of the market state (clock-skew tolerance). */
  market?: MarketStateOptions;
}

/** Messages that carry an asset's data (what proves the asset is alive). */
const dataTypes = new Set<FeedServerMessage["type"]>([
  "assetInfo",
  "tickerState",
  "daily",
  "trade",
  "bookSnapshot",
  "book",
]);
const assetOf = (msg: FeedServerMessage): string | null =>
  msg.type === "assetInfo" ? msg.info.asset : "asset" in msg && dataTypes.has(msg.type) ? msg.asset : null;

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
  private readonly silence: SilenceWatchdog;
  private readonly disposables: IDisposable[] = [];

  constructor(private readonly options: MarketFeedOptions) {
    this.market = new MarketState({ logger: options.logger, ...options.market });
    const cfg = { ...defaultIntegrity, ...options.integrity };
    this.throttle = new LogThrottle(options.logger);
    this.stats = new UpstreamStats();
    this.breaker = new FeedBreaker(options.breaker);
    this.client = new FeedClient({ ...options, ...cfg, breaker: this.breaker, stats: this.stats });
    this.watch = new AssetWatch(cfg.silence);
    this.subscriptions = new SubscriptionRegistry(
      { subscribe: (assets) => this.want(assets), unsubscribe: (assets) => this.unwant(assets) },
      options.lingerMs,
    );
    this.requests = new FeedRequests({
      link: this.client,
      timeoutMs: cfg.requestTimeoutMs,
      backoff: { initialMs: cfg.requestBackoffInitialMs, maxMs: cfg.requestBackoffMaxMs },
      stillWanted: (spec) => this.stillWanted(spec),
      timedOut: (spec, reqId) => this.timedOut(spec, reqId),
    });
    this.resync = new ResyncCoalescer(
      {
        held: () => this.subscriptions.held(),
        busy: (asset) => this.requests.outstanding("subscribe", asset),
        resubscribe: (assets, reason) => {
          if (reason === "gap") this.stats.resync("link");
          else if (reason === "outOfSync") this.stats.assetResyncs += assets.length;
          for (const a of assets) this.market.markResyncing(a);
          this.requests.subscribe(assets);
        },
      },
      cfg.resyncIntervalMs,
    );
    this.refresher = new CatalogRefresher(
      this.catalog,
      {
        request: () => this.requests.listAssets(),
        outstanding: () => this.requests.outstanding("listAssets"),
      },
      cfg.catalog,
    );
    this.silence = new SilenceWatchdog({
      watch: this.watch,
      live: () => this.client.link.state === "live",
      busy: (asset) => this.requests.outstanding("subscribe", asset),
      retryAfterMs: (attempts) => Math.min(cfg.requestBackoffMaxMs, cfg.requestTimeoutMs * 2 ** attempts),
      resubscribe: (asset, silentMs) => {
        this.throttle.warn(
          "silent",
          { asset, silentMs },
          "feed asset silent while the link flows: re-subscribing",
        );
        this.resync.request(asset, "silent");
      },
      tickMs: Math.max(50, Math.min(1000, Math.floor(cfg.silence.floorMs / 4))),
    });
    this.status = new FeedStatusTracker(
      {
        link: () => this.client.link,
        breaker: () => this.breaker.snapshot(),
        lastMessageAt: () => this.client.lastMessageAt,
        assets: () => this.watch.notOk(MAX_FEED_STATUS_ASSETS),
        catalog: () => this.catalog.state,
      },
      options.statusTickMs,
    );
    this.stats.integrity = () => this.integrity();
    this.disposables.push(
      this.client.onMessage((msg) => this.onMessage(msg)),
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
    );
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
    this.silence.dispose();
    this.resync.dispose();
    this.refresher.dispose();
    this.requests.dispose();
    this.throttle.flush();
    await this.client.close();
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

  private onMessage(msg: FeedServerMessage): void {
    this.status.observe(msg);
    const settled = this.requests.settle(msg);
    const asset = assetOf(msg);
    if (asset !== null) this.watch.data(asset);
    switch (msg.type) {
      case "assetList":
        this.catalog.replace(msg.assets);
        this.refresher.listed();
        break;
      case "assetInfo":
        if (this.catalog.known && this.catalog.learn(msg.info))
          this.refresher.suspect(`assetInfo for ${msg.info.asset}, missing from the asset list`);
        break;
      case "subscribed": {
        const missing = this.catalog.known ? msg.assets.find((a) => !this.catalog.has(a)) : undefined;
        if (missing) this.refresher.suspect(`subscribed ${missing}, missing from the asset list`);
        break;
      }
      case "invalidTicker":
        this.watch.forget(msg.asset);
        this.requests.tracker.cancel("subscribe", [msg.asset]);
        break;
      case "error":
        this.stats.upstreamErrors++;
        this.throttle.warn(
          `error:${msg.code}`,
          { code: msg.code, message: msg.message, reqId: msg.reqId },
          "upstream error",
        );
        if (settled?.kind === "subscribe") for (const a of settled.assets) this.watch.retrying(a);
        break;
      default:
    }
    this.market.apply(msg);
  }

  private stillWanted(spec: RequestSpec): RequestSpec | null {
    if (spec.kind === "listAssets")
      return this.catalog.known && this.catalog.state.state === "complete" ? null : spec;
    const held = new Set(this.subscriptions.held());
    const keep =
      spec.kind === "subscribe"
        ? (a: string) => held.has(a) && this.watch.has(a)
        : (a: string) => !held.has(a);
    return { kind: spec.kind, assets: spec.assets.filter(keep) };
  }

  private timedOut(spec: RequestSpec, reqId: string): void {
    const assets = spec.assets.slice(0, 5);
    this.throttle.warn(
      `timeout:${spec.kind}`,
      { kind: spec.kind, reqId, assets },
      "feed request unanswered: retrying",
    );
    if (spec.kind === "subscribe") for (const a of spec.assets) this.watch.retrying(a);
    if (spec.kind === "listAssets") this.catalog.markIncomplete("asset list request unanswered");
  }

  private integrity(): ReturnType<UpstreamStats["integrity"]> {
    const notOk = this.watch.notOk(0);
    return {
      requests: Object.fromEntries(this.requests.tracker.counts),
      resubscribes: Object.fromEntries(this.resync.counts),
      catalogRefreshes: Object.fromEntries(this.refresher.counts),
      assetsPending: notOk.total - notOk.retrying,
      assetsRetrying: notOk.retrying,
      catalogIncomplete: this.catalog.state.state === "incomplete",
      requestQueue: this.requests.queue.size,
      requestsInFlight: this.requests.tracker.size,
      writeBufferedBytes: this.client.bufferedAmount,
    };
  }
}
