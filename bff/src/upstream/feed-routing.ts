import type { FeedServerMessage } from "@pregao/contracts";
import type { LogThrottle } from "../lib/log-throttle.ts";
import type { AssetWatch } from "./asset-watch.ts";
import type { CatalogRefresher } from "./catalog-refresh.ts";
import type { FeedRequests } from "./feed-requests.ts";
import type { FeedStatusTracker } from "./feed-status.ts";
import type { InstrumentCatalog } from "./instruments.ts";
import type { MarketState } from "./market-state.ts";
import type { UpstreamStats } from "./stats.ts";

/** The parts an upstream message can concern (the MarketFeed has them all). */
export interface MessageTargets {
  readonly status: FeedStatusTracker;
  readonly requests: FeedRequests;
  readonly watch: AssetWatch;
  readonly catalog: InstrumentCatalog;
  readonly refresher: CatalogRefresher;
  readonly market: MarketState;
  readonly stats: UpstreamStats;
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
 * Routes one upstream message: it settles the request it answers, proves its asset alive, feeds evidence of an
 * incomplete catalog to the refresher, ends the watch of an invalid ticker, counts and logs upstream errors, and is
 * applied to the market state last.
 */
export function routeMessage(msg: FeedServerMessage, to: MessageTargets, throttle: LogThrottle): void {
  const { catalog, refresher, watch } = to;
  to.status.observe(msg);
  const settled = to.requests.settle(msg);
  const asset = assetOf(msg);
  if (asset !== null) watch.data(asset);
  switch (msg.type) {
    case "assetList":
      catalog.replace(msg.assets);
      refresher.listed();
      break;
    case "assetInfo":
      if (catalog.known && catalog.learn(msg.info))
        refresher.suspect(`assetInfo for ${msg.info.asset}, missing from the asset list`);
      break;
    case "subscribed": {
      const missing = catalog.known ? msg.assets.find((a) => !catalog.has(a)) : undefined;
      if (missing) refresher.suspect(`subscribed ${missing}, missing from the asset list`);
      break;
    }
    case "invalidTicker":
      watch.forget(msg.asset);
      to.requests.tracker.cancel("subscribe", [msg.asset]);
      break;
    case "error":
      to.stats.upstreamErrors++;
      throttle.warn(
        `error:${msg.code}`,
        { code: msg.code, message: msg.message, reqId: msg.reqId },
        "upstream error",
      );
      if (settled?.kind === "subscribe") for (const a of settled.assets) watch.retrying(a);
      break;
    default:
  }
  to.market.apply(msg);
}
