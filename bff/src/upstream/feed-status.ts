import { EventEmitter } from "cockatiel";
import { connStateTypes } from "@pregao/contracts";
import type {
  AssetDataState,
  CatalogState,
  FeedLink,
  FeedServerMessage,
  FeedStatus,
  Staleness,
} from "@pregao/contracts";
import type { BreakerView } from "./breaker.ts";

/** What the tracker reads on every status build. */
export interface FeedStatusSource {
  link(): FeedLink;
  breaker(): BreakerView;
  lastMessageAt(): number | null;
  /** Subscribed assets not receiving data (bounded list, full count). */
  assets?(): { assets: AssetDataState[]; total: number };
  catalog?(): CatalogState;
}

/** The BFF's settings behind the browser's staleness thresholds (`feed:status` `staleness`). */
export interface StalenessSettings {
  /** The link turns stale after this long without an upstream message (FEED_STALE_MS). */
  linkStaleMs: number;
  /** An asset not refreshed for this long is stale on screen (WEB_DATA_STALE_AFTER_MS). */
  dataStaleAfterMs: number;
}

/**
 * The thresholds the browser applies: BFF silence is judged by the BFF's own upstream rule, but never under 1.5
 * status intervals (a status comes every `tickMs`; a shorter threshold would flap between two of them).
 */
export function stalenessFor(settings: StalenessSettings, tickMs: number): Staleness {
  return {
    silenceMs: Math.max(settings.linkStaleMs, Math.ceil(tickMs * 1.5)),
    dataStaleAfterMs: settings.dataStaleAfterMs,
  };
}

/**
 * Builds the contracts' `FeedStatus` (link, breaker, ProfitDLL connection states) and emits it on every change and
 * every `tickMs` in every state: `lastMessageAt` moves with every upstream message, so a status sent only on change
 * would show a live feed with an ever-growing data age. One small message per second per socket is the price.
 */
export class FeedStatusTracker {
  private readonly profitDll: FeedStatus["profitDll"] = {
    login: null,
    routing: null,
    marketData: null,
    activation: null,
  };
  private readonly emitter = new EventEmitter<FeedStatus>();
  private readonly ticker: NodeJS.Timeout;
  /** Fires with the full status on change and every `tickMs`. */
  readonly onStatus = this.emitter.addListener;

  private readonly staleness: Staleness;

  constructor(
    private readonly source: FeedStatusSource,
    staleness: StalenessSettings,
    tickMs = 1000,
  ) {
    this.staleness = stalenessFor(staleness, tickMs);
    this.ticker = setInterval(() => this.notify(), tickMs);
    this.ticker.unref();
  }

  /** Records ProfitDLL connection states; emits when one changed. */
  observe(msg: FeedServerMessage): void {
    if (msg.type !== "connectionState") return;
    const key = connStateTypes[msg.stateType];
    if (this.profitDll[key] === msg.result) return;
    this.profitDll[key] = msg.result;
    this.notify();
  }

  current(): FeedStatus {
    const assets = this.source.assets?.();
    const catalog = this.source.catalog?.();
    return {
      link: this.source.link(),
      breaker: this.source.breaker(),
      profitDll: { ...this.profitDll },
      lastMessageAt: this.source.lastMessageAt(),
      serverTime: Date.now(),
      ...(assets ? { assets: assets.assets, assetsNotOk: assets.total } : {}),
      ...(catalog ? { catalog } : {}),
      staleness: this.staleness,
    };
  }

  notify(): void {
    this.emitter.emit(this.current());
  }

  dispose(): void {
    clearInterval(this.ticker);
  }
}
