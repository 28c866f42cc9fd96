import { EventEmitter } from "cockatiel";
import { connStateTypes } from "@pregao/contracts";
import type {
  AssetDataState,
  CatalogState,
  FeedLink,
  FeedServerMessage,
  FeedStatus,
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

  constructor(
    private readonly source: FeedStatusSource,
    tickMs = 1000,
  ) {
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
    };
  }

  notify(): void {
    this.emitter.emit(this.current());
  }

  dispose(): void {
    clearInterval(this.ticker);
  }
}
