import { useSyncExternalStore } from "react";

/**
 * A shared wall clock for ages and countdowns: one interval per period for the whole app, no matter how many rows use
 * it. Returns epoch ms, updated every `periodMs`.
 */
const clocks = new Map<
  number,
  { now: number; listeners: Set<() => void>; timer?: ReturnType<typeof setInterval> }
>();

function clock(periodMs: number) {
  let c = clocks.get(periodMs);
  if (!c) {
    c = { now: Date.now(), listeners: new Set() };
    clocks.set(periodMs, c);
  } else if (!c.timer && Date.now() - c.now >= periodMs) {
    // Idle clock (nobody subscribed): do not hand a long-stale time to the first render.
    c.now = Date.now();
  }
  return c;
}

function subscribe(periodMs: number, listener: () => void): () => void {
  const c = clock(periodMs);
  c.listeners.add(listener);
  if (!c.timer) {
    c.now = Date.now();
    c.timer = setInterval(() => {
      c.now = Date.now();
      for (const l of c.listeners) l();
    }, periodMs);
  }
  return () => {
    c.listeners.delete(listener);
    if (c.listeners.size === 0 && c.timer) {
      clearInterval(c.timer);
      c.timer = undefined;
    }
  };
}

const subscribers = new Map<number, (listener: () => void) => () => void>();
function subscriberFor(periodMs: number) {
  let s = subscribers.get(periodMs);
  if (!s) {
    s = (listener) => subscribe(periodMs, listener);
    subscribers.set(periodMs, s);
  }
  return s;
}

export function useNow(periodMs = 1000): number {
  return useSyncExternalStore(subscriberFor(periodMs), () => clock(periodMs).now);
}

/**
 * Whether `deadline` (local epoch ms) has passed, on the shared clock. Unlike `useNow`, the component re-renders only
 * when the answer flips, not on every tick — rows use it to turn stale without re-rendering every second.
 */
export function useIsPast(deadline: number | null, periodMs = 1000): boolean {
  return useSyncExternalStore(
    subscriberFor(periodMs),
    () => deadline !== null && clock(periodMs).now >= deadline,
  );
}
