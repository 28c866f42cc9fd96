import { create } from "zustand";
import type { AssetDataState, FeedStatus } from "@pregao/contracts";
import { SkewEstimator } from "./clock-skew.ts";

/** How often (at most) quote traffic refreshes `lastMessageAt`; keeps the indicator from re-rendering per message. */
const TOUCH_GRANULARITY_MS = 250;

interface FeedStatusState {
  status: FeedStatus | null;
  /**
   * Server clock minus local clock (ms), estimated from every `feed:status` (clock-skew.ts: the least-delayed message
   * wins, so a status that arrives late shows its real age). Add to local time to get server time.
   */
  skewMs: number;
  /** Local epoch ms of the last message of any kind from the BFF (`feed:status` or quotes). */
  lastMessageAt: number | null;
  setStatus(status: FeedStatus, now?: number): void;
  touch(now?: number): void;
  reset(): void;
}

const skew = new SkewEstimator();

export const useFeedStatusStore = create<FeedStatusState>()((set, get) => ({
  status: null,
  skewMs: 0,
  lastMessageAt: null,
  setStatus: (status, now = Date.now()) =>
    set({ status, skewMs: skew.add(status.serverTime, now), lastMessageAt: now }),
  touch: (now = Date.now()) => {
    const last = get().lastMessageAt;
    if (last === null || now - last >= TOUCH_GRANULARITY_MS) set({ lastMessageAt: now });
  },
  // The next status may come from another instance with its own clock.
  reset: () => {
    skew.clear();
    set({ status: null, lastMessageAt: null });
  },
}));

/** The asset's data state from the latest `feed:status` (`null`: receiving data, or not subscribed). */
export function assetDataStateOf(status: FeedStatus | null, asset: string): AssetDataState["state"] | null {
  return status?.assets?.find((a) => a.asset === asset)?.state ?? null;
}

/** One asset's data state; a primitive, so a row re-renders only when its own state changes. */
export const useAssetDataState = (asset: string): AssetDataState["state"] | null =>
  useFeedStatusStore((s) => assetDataStateOf(s.status, asset));

/**
 * The BFF's data staleness threshold (ms) from the latest `feed:status`; null before the first one (then only the
 * link decides, and without a status the link is not live, so nothing shows as fresh).
 */
export const selectDataStaleAfterMs = (s: { status: FeedStatus | null }): number | null =>
  s.status?.staleness.dataStaleAfterMs ?? null;

/** Convert a server epoch ms to local epoch ms. */
export const toLocalTime = (serverMs: number, skewMs: number): number => serverMs - skewMs;
