/**
 * The newest value of one asset on one channel as the hub's ticks took it from the market state, shared by every
 * holder: each holder's flush pulls it when its `version` moved since the holder last sent it.
 */
export interface TakenValue<V> {
  /** Null until a tick took one. */
  value: V | null;
  /** Bumped by every tick that took a new value. */
  version: number;
  /** Upstream changes the values taken so far stood for (a holder's share is the growth since it last sent). */
  offered: number;
  /** When the BFF received the newest input of `value` (epoch ms). */
  receivedAt: number;
}

/** The taken values of one channel, for the assets someone holds on it. */
export class TakenValues<V> {
  private readonly slots = new Map<string, TakenValue<V>>();

  /** The asset's slot, created empty for its first holder. */
  slot(asset: string): TakenValue<V> {
    let slot = this.slots.get(asset);
    if (!slot) {
      slot = { value: null, version: 0, offered: 0, receivedAt: 0 };
      this.slots.set(asset, slot);
    }
    return slot;
  }

  /** A tick's value for `asset`; ignored when nobody holds the asset on this channel. */
  put(asset: string, value: V, offered: number, receivedAt: number): void {
    const slot = this.slots.get(asset);
    if (!slot) return;
    slot.value = value;
    slot.version++;
    slot.offered += offered;
    slot.receivedAt = receivedAt;
  }

  /** The asset's last holder left. */
  drop(asset: string): void {
    this.slots.delete(asset);
  }
}
