import { EventEmitter } from "cockatiel";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../lib/logger.ts";
import type { MarketFeed } from "../upstream/market-feed.ts";
import type { TradeEvent } from "../upstream/market-state.ts";
import { SubscriptionRegistry } from "../upstream/subscriptions.ts";
import { marketEvents } from "./handlers.ts";
import { RealtimeHub } from "./hub.ts";
import type { PregaoSocket } from "./socket-events.ts";
import { SubscriptionBudget } from "./subscription-budget.ts";

/** A feed whose catalog lacks LATE:B until `resolve` is answered by the test (a catalog refresh in flight). */
function feedWithSlowCatalog() {
  const registry = new SubscriptionRegistry({ subscribe: () => undefined, unsubscribe: () => undefined }, 0);
  let answer!: (known: boolean) => void;
  const feed = {
    catalog: { known: true, has: (a: string) => a !== "LATE:B" },
    resolve: () => new Promise<boolean>((r) => (answer = r)),
    quote: () => null,
    market: {
      takeChanges: () => ({ quotes: [], books: [] }),
      onTrade: new EventEmitter<TradeEvent>().addListener,
      waitReady: () => Promise.resolve(),
      bookView: () => null,
    },
    subscriptions: registry,
  };
  return { feed, registry, answer: (known: boolean) => answer(known) };
}

describe("marketEvents", () => {
  it("takes nothing for a socket that left while its subscribe waited for the catalog (no upstream interest, no budget)", async () => {
    const f = feedWithSlowCatalog();
    const budget = new SubscriptionBudget({ perSession: 10, perUser: 10 });
    const hub = new RealtimeHub(f.feed, { conflationMs: 1000, tradeCap: 10, budget });
    try {
      const events = marketEvents({
        feed: f.feed as unknown as MarketFeed,
        hub,
        snapshotWaitMs: 0,
        logger: silentLogger,
      });
      const socket = { id: "s1", connected: true, emit: () => true } as unknown as PregaoSocket;
      const owner = { session: "sess", user: "user" };
      events.connect(socket, owner);
      const subscribe = new Map(events.table).get("quotes:subscribe")!;
      const pending = Promise.resolve(subscribe({ assets: ["LATE:B"] }, socket));
      events.disconnect(socket); // the socket leaves while the catalog is being refreshed
      f.answer(true);
      await expect(pending).rejects.toMatchObject({ code: "CONFLICT" });
      expect(f.registry.refCount("LATE:B")).toBe(0);
      expect(hub.holderCount("quotes", "LATE:B")).toBe(0);
      expect(budget.reserve(owner, "quotes", 10)).toBeNull(); // the whole budget is still free
    } finally {
      hub.dispose();
    }
  });
});
