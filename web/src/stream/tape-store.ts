import { create } from "zustand";
import { TAPE_DEPTH, tradeIdentity, type TradeBatch, type TradeSnapshot } from "@pregao/contracts";

export type TapePrint = TradeBatch["trades"][number];

/** Prints kept per asset: the BFF's snapshot depth (one number both sides); memory stays bounded. */
export const TAPE_LIMIT = TAPE_DEPTH;

/** Whether the prints before the subscription are in: absent = the snapshot has not come yet. */
export type TapeHistory = TradeSnapshot["history"];

interface TapeState {
  /** Newest first, at most TAPE_LIMIT per asset. */
  tapes: ReadonlyMap<string, readonly TapePrint[]>;
  histories: ReadonlyMap<string, TapeHistory>;
  append(batches: Iterable<TradeBatch>): void;
  /** Replaces the asset's tape with a `trades:snapshot` (keeping live prints newer than it). */
  applySnapshot(snapshot: TradeSnapshot): void;
  remove(assets: Iterable<string>): void;
}

const after = (a: TapePrint, b: TapePrint) => a.ts > b.ts || (a.ts === b.ts && a.tradeNumber > b.tradeNumber);

/**
 * Prepend a batch (oldest first) to a newest-first tape, bounded; edits and prints already held (same trade identity:
 * the snapshot/live seam) are skipped.
 */
export function prependPrints(
  tape: readonly TapePrint[],
  trades: readonly TapePrint[],
  limit = TAPE_LIMIT,
): TapePrint[] {
  const held = new Set(tape.map(tradeIdentity));
  const fresh: TapePrint[] = [];
  for (const t of trades) {
    const id = tradeIdentity(t);
    if (t.edit || held.has(id)) continue;
    held.add(id);
    fresh.push(t);
  }
  return fresh.reverse().concat(tape).slice(0, limit);
}

/**
 * The snapshot (oldest first) replaces what the tape held, except live prints newer than the snapshot's newest:
 * `trades:added` may have delivered them before the snapshot arrived. Newest first, bounded.
 */
export function replaceWithSnapshot(
  tape: readonly TapePrint[],
  snapshot: readonly TapePrint[],
  limit = TAPE_LIMIT,
): TapePrint[] {
  const newest = snapshot.at(-1);
  const newer = newest ? tape.filter((t) => after(t, newest)) : tape;
  return prependPrints([...snapshot].reverse(), [...newer].reverse(), limit);
}

export const useTapeStore = create<TapeState>()((set) => ({
  tapes: new Map(),
  histories: new Map(),
  append: (batches) =>
    set((s) => {
      const next = new Map(s.tapes);
      for (const b of batches) next.set(b.asset, prependPrints(next.get(b.asset) ?? [], b.trades));
      return { tapes: next };
    }),
  applySnapshot: (snap) =>
    set((s) => ({
      tapes: new Map(s.tapes).set(
        snap.asset,
        replaceWithSnapshot(s.tapes.get(snap.asset) ?? [], snap.trades),
      ),
      histories: new Map(s.histories).set(snap.asset, snap.history),
    })),
  remove: (assets) =>
    set((s) => {
      const tapes = new Map(s.tapes);
      const histories = new Map(s.histories);
      for (const a of assets) {
        tapes.delete(a);
        histories.delete(a);
      }
      return { tapes, histories };
    }),
}));

const EMPTY: readonly TapePrint[] = [];
export const useTape = (asset: string): readonly TapePrint[] =>
  useTapeStore((s) => s.tapes.get(asset) ?? EMPTY);

/** The asset's history state (undefined until its snapshot arrives). */
export const useTapeHistory = (asset: string): TapeHistory | undefined =>
  useTapeStore((s) => s.histories.get(asset));
