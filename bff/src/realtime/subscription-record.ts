import type { Channel } from "./conflation.ts";

export const channels: readonly Channel[] = ["quotes", "trades", "book"];

/** What one change to the record did: the assets it changed, and those whose holder count crossed zero. */
export interface RecordChange {
  /** Assets this subscriber took (add) or gave up (remove); assets it already held or did not hold are left out. */
  changed: string[];
  /** add: assets that had no holder on this channel before; remove: assets left with none. */
  crossed: string[];
}

/**
 * The hub's one subscription record: which subscriber holds which asset, per channel. The per-asset holder sets (the
 * fan-out) and each subscriber's own sets (its cap, its disconnect) are two views kept by this class alone, changed
 * together in `add`/`remove`; everything else (upstream interest, budgets) follows from what those two return.
 */
export class SubscriptionRecord<S> {
  private readonly byAsset: Record<Channel, Map<string, Set<S>>> = {
    quotes: new Map(),
    trades: new Map(),
    book: new Map(),
  };
  private readonly bySubscriber = new Map<S, Record<Channel, Set<string>>>();

  private own(subscriber: S): Record<Channel, Set<string>> {
    let sets = this.bySubscriber.get(subscriber);
    if (!sets) {
      sets = { quotes: new Set(), trades: new Set(), book: new Set() };
      this.bySubscriber.set(subscriber, sets);
    }
    return sets;
  }

  add(subscriber: S, channel: Channel, assets: readonly string[]): RecordChange {
    const mine = this.own(subscriber)[channel];
    const index = this.byAsset[channel];
    const out: RecordChange = { changed: [], crossed: [] };
    for (const asset of assets) {
      if (mine.has(asset)) continue;
      mine.add(asset);
      out.changed.push(asset);
      const holders = index.get(asset);
      if (holders) holders.add(subscriber);
      else {
        index.set(asset, new Set([subscriber]));
        out.crossed.push(asset);
      }
    }
    return out;
  }

  remove(subscriber: S, channel: Channel, assets: readonly string[]): RecordChange {
    const sets = this.bySubscriber.get(subscriber);
    const out: RecordChange = { changed: [], crossed: [] };
    if (!sets) return out;
    const index = this.byAsset[channel];
    for (const asset of assets) {
      if (!sets[channel].delete(asset)) continue;
      out.changed.push(asset);
      const holders = index.get(asset);
      holders?.delete(subscriber);
      if (holders?.size === 0) {
        index.delete(asset);
        out.crossed.push(asset);
      }
    }
    if (channels.every((ch) => sets[ch].size === 0)) this.bySubscriber.delete(subscriber);
    return out;
  }

  /** What `subscriber` holds on `channel` (empty when nothing). */
  held(subscriber: S, channel: Channel): ReadonlySet<string> {
    return this.bySubscriber.get(subscriber)?.[channel] ?? empty;
  }

  /** Who holds `asset` on `channel`: the fan-out's recipients. */
  holders(channel: Channel, asset: string): ReadonlySet<S> {
    return this.byAsset[channel].get(asset) ?? empty;
  }

  /** Assets with at least one holder on `channel`. */
  assets(channel: Channel): IterableIterator<string> {
    return this.byAsset[channel].keys();
  }
}

const empty: ReadonlySet<never> = new Set<never>();
