import { TAPE_DEPTH } from "@pregao/contracts";
import type { MarketFeed } from "../upstream/market-feed.ts";
import { TapeBuffers } from "./tape-buffers.ts";

/** At most this many assets' tapes at once (TAPE_DEPTH prints each: a few MB at most). */
const MAX_TAPES = 1000;
/** A tape nobody follows is dropped after this long (a reload or asset switch back within it is served at once). */
const IDLE_MS = 10 * 60_000;
/** A snapshot waits this long for history, then goes out as `unavailable` (a second one follows if it lands). */
const HISTORY_WAIT_MS = 3000;

/** The tape's shared buffers over the feed: its history path, live trades and ref-counted upstream subscriptions. */
export function composeTape(feed: MarketFeed): TapeBuffers {
  return new TapeBuffers(
    {
      history: (asset, from, to) => feed.requests.history(asset, from, to),
      onTrade: (listener) => feed.market.onTrade(({ asset, trade }) => listener({ asset, trade })),
      hold: (consumer, asset) => void feed.subscriptions.acquire(consumer, [asset]),
      release: (consumer, asset) => feed.subscriptions.release(consumer, [asset]),
      now: Date.now,
    },
    { depth: TAPE_DEPTH, maxAssets: MAX_TAPES, idleMs: IDLE_MS, historyWaitMs: HISTORY_WAIT_MS },
  );
}
