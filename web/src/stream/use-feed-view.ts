import { create } from "zustand";
import { useNow } from "../lib/use-now.ts";
import { useConnectionStore } from "./connection-store.ts";
import { describeFeed, type FeedView, type FeedViewKind } from "./feed-view.ts";
import { useFeedStatusStore } from "./feed-status-store.ts";
import { hasQuoteSubscriptions } from "./socket-client.ts";

function currentFeedView(now: number): FeedView {
  const { state } = useConnectionStore.getState();
  const { status, skewMs, lastMessageAt } = useFeedStatusStore.getState();
  return describeFeed({
    socket: state,
    status,
    skewMs,
    lastMessageAt,
    expectingMessages: hasQuoteSubscriptions(),
    now,
  });
}

/** The feed as the trader should read it, re-evaluated twice a second so silence turns into "Stale" within 2 s. */
export function useFeedView(): FeedView {
  const now = useNow(500);
  const socket = useConnectionStore((s) => s.state);
  const status = useFeedStatusStore((s) => s.status);
  const skewMs = useFeedStatusStore((s) => s.skewMs);
  const lastMessageAt = useFeedStatusStore((s) => s.lastMessageAt);
  return describeFeed({
    socket,
    status,
    skewMs,
    lastMessageAt,
    expectingMessages: hasQuoteSubscriptions(),
    now,
  });
}

/** Only the kind, for many subscribers (rows): changes rarely, so they re-render rarely. */
export const useFeedKindStore = create<{ kind: FeedViewKind }>()(() => ({ kind: "connecting" }));
export const useFeedKind = (): FeedViewKind => useFeedKindStore((s) => s.kind);

/** Recompute the kind on every input change and twice a second; returns a stop function. */
export function startFeedKindMonitor(): () => void {
  const update = () => {
    const kind = currentFeedView(Date.now()).kind;
    if (useFeedKindStore.getState().kind !== kind) useFeedKindStore.setState({ kind });
  };
  const timer = setInterval(update, 500);
  const unsubs = [useConnectionStore.subscribe(update), useFeedStatusStore.subscribe(update)];
  update();
  return () => {
    clearInterval(timer);
    for (const u of unsubs) u();
  };
}
