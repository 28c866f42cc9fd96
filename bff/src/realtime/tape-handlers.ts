import type { IDisposable } from "cockatiel";
import type { TradeSnapshot } from "@pregao/contracts";

/** What the socket handlers need of the shared tape buffers (tape/tape-buffers.ts). */
export interface TapeSource {
  retain(asset: string): IDisposable;
  snapshot(asset: string): Promise<TradeSnapshot>;
  loaded(asset: string): Promise<boolean>;
}

/** One socket's tape: the buffers it keeps alive and the `trades:snapshot` each `trades:subscribe` earns. */
export interface TapeFollower extends IDisposable {
  /** After the hub subscription (so live `trades:added` start first): retain each buffer and send its snapshot. */
  follow(assets: readonly string[]): void;
  unfollow(assets: readonly string[]): void;
}

/**
 * Snapshots go out after the ack, once the buffer holds history (or it is late: `unavailable`, then a second snapshot
 * when it lands). Live trades already flow to the socket by then; the browser keeps the ones newer than the snapshot
 * and counts a print in both once (contracts `tradeIdentity`), so the seam has no gap and no duplicate.
 */
export function tapeFollower(tape: TapeSource, emit: (snapshot: TradeSnapshot) => void): TapeFollower {
  const held = new Map<string, IDisposable>();
  let closed = false;
  const send = (snap: TradeSnapshot) => {
    if (!closed && held.has(snap.asset)) emit(snap);
  };
  const snapshot = async (asset: string) => {
    const snap = await tape.snapshot(asset);
    send(snap);
    if (snap.history === "complete" || !(await tape.loaded(asset))) return;
    send(await tape.snapshot(asset));
  };
  return {
    follow(assets) {
      for (const asset of assets) {
        if (!held.has(asset)) held.set(asset, tape.retain(asset));
        void snapshot(asset).catch(() => undefined);
      }
    },
    unfollow(assets) {
      for (const asset of assets) {
        held.get(asset)?.dispose();
        held.delete(asset);
      }
    },
    dispose() {
      closed = true;
      for (const d of held.values()) d.dispose();
      held.clear();
    },
  };
}
