import type { IDisposable } from "cockatiel";
import type { Logger } from "../lib/logger.ts";
import { FeedBreaker, type FeedBreakerOptions } from "./breaker.ts";
import { FeedClient, type FeedToken } from "./feed-client.ts";
import { FeedStatusTracker } from "./feed-status.ts";
import { InstrumentCatalog } from "./instruments.ts";
import { MarketState } from "./market-state.ts";
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
}

/** The protocol's per-request cap. */
const MAX_ASSETS_PER_REQUEST = 500;

/**
 * The upstream façade: one feed link, its breaker, the instrument list, ref-counted subscriptions, market state and
 * feed status, wired together with the protocol's resync rules (gap / reconnect → re-subscribe all; book out of sync →
 * re-subscribe that asset).
 */
export class MarketFeed {
  readonly stats: UpstreamStats;
  readonly breaker: FeedBreaker;
  readonly client: FeedClient;
  readonly catalog = new InstrumentCatalog();
  readonly market = new MarketState();
  readonly subscriptions: SubscriptionRegistry;
  readonly status: FeedStatusTracker;
  private readonly disposables: IDisposable[] = [];

  constructor(private readonly options: MarketFeedOptions) {
    const { logger } = options;
    this.stats = new UpstreamStats();
    this.breaker = new FeedBreaker(options.breaker);
    this.client = new FeedClient({ ...options, breaker: this.breaker, stats: this.stats });
    this.subscriptions = new SubscriptionRegistry(
      {
        subscribe: (assets) => {
          for (const a of assets) this.market.track(a);
          this.request("subscribe", assets);
        },
        unsubscribe: (assets) => {
          this.request("unsubscribe", assets);
          for (const a of assets) this.market.forget(a);
        },
      },
      options.lingerMs,
    );
    this.status = new FeedStatusTracker(
      {
        link: () => this.client.link,
        breaker: () => this.breaker.snapshot(),
        lastMessageAt: () => this.client.lastMessageAt,
      },
      options.statusTickMs,
    );
    this.disposables.push(
      this.client.onMessage((msg) => {
        this.status.observe(msg);
        if (msg.type === "assetList") this.catalog.replace(msg.assets);
        else if (msg.type === "error") {
          this.stats.upstreamErrors++;
          logger.warn({ code: msg.code, message: msg.message }, "upstream error");
        }
        this.market.apply(msg);
      }),
      this.client.onConnected(({ reconnect }) => {
        logger.info({ reconnect }, "feed link live");
        this.client.send({ type: "listAssets", reqId: "catalog" });
        this.resyncAll(reconnect);
      }),
      this.client.onGap((gap) => {
        logger.warn(gap, "feed sequence gap: resyncing");
        this.resyncAll(true);
      }),
      this.market.onOutOfSync((asset) => {
        this.stats.resync("asset");
        logger.warn({ asset }, "book out of sync: resyncing asset");
        this.request("subscribe", [asset]);
      }),
      this.client.onLink(() => this.status.notify()),
      this.breaker.onChange(() => this.status.notify()),
    );
  }

  start(): void {
    this.client.start();
  }

  async close(): Promise<void> {
    for (const d of this.disposables) d.dispose();
    this.status.dispose();
    this.subscriptions.dispose();
    await this.client.close();
  }

  /** Re-subscribes every held asset; the upstream re-sends their snapshots. */
  private resyncAll(count: boolean): void {
    const held = this.subscriptions.held();
    if (held.length === 0) return;
    if (count) this.stats.resync("link");
    for (const a of held) this.market.markResyncing(a);
    this.request("subscribe", held);
  }

  private request(type: "subscribe" | "unsubscribe", assets: string[]): void {
    for (let i = 0; i < assets.length; i += MAX_ASSETS_PER_REQUEST)
      this.client.send({ type, assets: assets.slice(i, i + MAX_ASSETS_PER_REQUEST) });
  }
}
