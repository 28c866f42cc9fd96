import { EventEmitter } from "cockatiel";
import type { FeedLink, FeedServerMessage, FeedStatus } from "@pregao/contracts";
import type { BreakerView } from "./breaker.ts";

/** What the tracker reads on every status build. */
export interface FeedStatusSource {
  link(): FeedLink;
  breaker(): BreakerView;
  lastMessageAt(): number | null;
}

const profitDllKeys = ["login", "routing", "marketData", "activation"] as const;

/**
 * Builds the contracts' `FeedStatus` (link, breaker, ProfitDLL connection states) and emits it on every change and
 * every `tickMs` while the link is not live, so the UI's data-age display keeps ticking.
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
  /** Fires with the full status on change and periodically while not live. */
  readonly onStatus = this.emitter.addListener;

  constructor(
    private readonly source: FeedStatusSource,
    tickMs = 1000,
  ) {
    this.ticker = setInterval(() => {
      if (this.source.link().state !== "live") this.notify();
    }, tickMs);
    this.ticker.unref();
  }

  /** Records ProfitDLL connection states; emits when one changed. */
  observe(msg: FeedServerMessage): void {
    if (msg.type !== "connectionState") return;
    const key = profitDllKeys[msg.stateType];
    if (this.profitDll[key] === msg.result) return;
    this.profitDll[key] = msg.result;
    this.notify();
  }

  current(): FeedStatus {
    return {
      link: this.source.link(),
      breaker: this.source.breaker(),
      profitDll: { ...this.profitDll },
      lastMessageAt: this.source.lastMessageAt(),
      serverTime: Date.now(),
    };
  }

  notify(): void {
    this.emitter.emit(this.current());
  }

  dispose(): void {
    clearInterval(this.ticker);
  }
}
