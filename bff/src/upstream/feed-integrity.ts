import type { IDisposable } from "cockatiel";
import type { LogThrottle } from "../lib/log-throttle.ts";
import { AssetWatch } from "./asset-watch.ts";
import { CatalogRefresher } from "./catalog-refresh.ts";
import type { FeedClient } from "./feed-client.ts";
import { FeedRequests } from "./feed-requests.ts";
import type { InstrumentCatalog } from "./instruments.ts";
import type { FeedIntegrityOptions } from "./integrity-options.ts";
import type { MarketState } from "./market-state.ts";
import type { RequestSpec } from "./request-tracker.ts";
import { ResyncCoalescer } from "./resync-coalescer.ts";
import { SilenceWatchdog } from "./silence-watchdog.ts";
import type { IntegrityView, UpstreamStats } from "./stats.ts";

export interface FeedIntegrityDeps {
  client: FeedClient;
  catalog: InstrumentCatalog;
  market: MarketState;
  stats: UpstreamStats;
  throttle: LogThrottle;
  /** The assets subscribers hold now (the subscription registry writes through these parts, so comes after). */
  held(): string[];
}

/** The feed's integrity parts, built and wired together; disposing stops their timers. */
export interface FeedIntegrity extends IDisposable {
  watch: AssetWatch;
  requests: FeedRequests;
  resync: ResyncCoalescer;
  refresher: CatalogRefresher;
}

/**
 * Builds the per-asset watch, the tracked request path (retried while still wanted), the resync coalescer, the catalog
 * refresher and the silent-asset watchdog, and makes `stats.integrity` report their figures.
 */
export function composeIntegrity(cfg: FeedIntegrityOptions, deps: FeedIntegrityDeps): FeedIntegrity {
  const { client, catalog, stats } = deps;
  const watch = new AssetWatch(cfg.silence);
  const requests = new FeedRequests({
    link: client,
    timeoutMs: cfg.requestTimeoutMs,
    backoff: { initialMs: cfg.requestBackoffInitialMs, maxMs: cfg.requestBackoffMaxMs },
    stillWanted: (spec) => stillWanted(spec, deps, watch),
    timedOut: (spec, reqId) => timedOut(spec, reqId, deps, watch),
  });
  const resync = new ResyncCoalescer(
    {
      held: () => deps.held(),
      busy: (asset) => requests.outstanding("subscribe", asset),
      resubscribe: (assets, reason) => {
        if (reason === "gap") stats.resync("link");
        else if (reason === "outOfSync") stats.assetResyncs += assets.length;
        for (const a of assets) deps.market.markResyncing(a);
        requests.subscribe(assets);
      },
    },
    cfg.resyncIntervalMs,
  );
  const refresher = new CatalogRefresher(
    catalog,
    { request: () => requests.listAssets(), outstanding: () => requests.outstanding("listAssets") },
    cfg.catalog,
  );
  const silence = silenceWatchdog(cfg, deps, { watch, requests, resync });
  const parts = { watch, requests, resync, refresher };
  stats.integrity = () => integrityView(parts, catalog, client);
  return {
    ...parts,
    dispose: () => {
      silence.dispose();
      resync.dispose();
      refresher.dispose();
      requests.dispose();
    },
  };
}

function silenceWatchdog(
  cfg: FeedIntegrityOptions,
  deps: FeedIntegrityDeps,
  { watch, requests, resync }: Pick<FeedIntegrity, "watch" | "requests" | "resync">,
): SilenceWatchdog {
  return new SilenceWatchdog({
    watch,
    live: () => deps.client.link.state === "live",
    busy: (asset) => requests.outstanding("subscribe", asset),
    retryAfterMs: (attempts) => Math.min(cfg.requestBackoffMaxMs, cfg.requestTimeoutMs * 2 ** attempts),
    resubscribe: (asset, silentMs) => {
      deps.throttle.warn(
        "silent",
        { asset, silentMs },
        "feed asset silent while the link flows: re-subscribing",
      );
      resync.request(asset, "silent");
    },
    tickMs: Math.max(50, Math.min(1000, Math.floor(cfg.silence.floorMs / 4))),
  });
}

/** What of a failed request is still wanted at retry time. */
function stillWanted(spec: RequestSpec, deps: FeedIntegrityDeps, watch: AssetWatch): RequestSpec | null {
  const { catalog } = deps;
  if (spec.kind === "listAssets") return catalog.known && catalog.state.state === "complete" ? null : spec;
  const holding = new Set(deps.held());
  const keep =
    spec.kind === "subscribe"
      ? (a: string) => holding.has(a) && watch.has(a)
      : (a: string) => !holding.has(a);
  return { kind: spec.kind, assets: spec.assets.filter(keep) };
}

function timedOut(spec: RequestSpec, reqId: string, deps: FeedIntegrityDeps, watch: AssetWatch): void {
  const assets = spec.assets.slice(0, 5);
  deps.throttle.warn(
    `timeout:${spec.kind}`,
    { kind: spec.kind, reqId, assets },
    "feed request unanswered: retrying",
  );
  if (spec.kind === "subscribe") for (const a of spec.assets) watch.retrying(a);
  if (spec.kind === "listAssets") deps.catalog.markIncomplete("asset list request unanswered");
}

function integrityView(
  { watch, requests, resync, refresher }: Omit<FeedIntegrity, "dispose">,
  catalog: InstrumentCatalog,
  client: FeedClient,
): IntegrityView {
  const notOk = watch.notOk(0);
  return {
    requests: Object.fromEntries(requests.tracker.counts),
    resubscribes: Object.fromEntries(resync.counts),
    catalogRefreshes: Object.fromEntries(refresher.counts),
    assetsPending: notOk.total - notOk.retrying,
    assetsRetrying: notOk.retrying,
    catalogIncomplete: catalog.state.state === "incomplete",
    requestQueue: requests.queue.size,
    requestsInFlight: requests.tracker.size,
    writeBufferedBytes: client.bufferedAmount,
  };
}
