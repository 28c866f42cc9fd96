import { create } from "zustand";
import type { TradeBatch } from "@pregao/contracts";

export type TapePrint = TradeBatch["trades"][number];

/** Prints kept per asset; older ones are dropped (memory stays bounded whatever the trade rate). */
export const TAPE_LIMIT = 500;

interface TapeState {
  /** Newest first, at most TAPE_LIMIT per asset. */
  tapes: ReadonlyMap<string, readonly TapePrint[]>;
  append(batches: Iterable<TradeBatch>): void;
  remove(assets: Iterable<string>): void;
}

/** Prepend a batch (oldest first) to a newest-first tape, bounded; edits of an already-printed trade are skipped. */
export function prependPrints(
  tape: readonly TapePrint[],
  trades: readonly TapePrint[],
  limit = TAPE_LIMIT,
): TapePrint[] {
  const fresh = trades.filter((t) => !t.edit).reverse();
  return fresh.concat(tape).slice(0, limit);
}

export const useTapeStore = create<TapeState>()((set) => ({
  tapes: new Map(),
  append: (batches) =>
    set((s) => {
      const next = new Map(s.tapes);
      for (const b of batches) next.set(b.asset, prependPrints(next.get(b.asset) ?? [], b.trades));
      return { tapes: next };
    }),
  remove: (assets) =>
    set((s) => {
      const next = new Map(s.tapes);
      for (const a of assets) next.delete(a);
      return { tapes: next };
    }),
}));

const EMPTY: readonly TapePrint[] = [];
export const useTape = (asset: string): readonly TapePrint[] =>
  useTapeStore((s) => s.tapes.get(asset) ?? EMPTY);
