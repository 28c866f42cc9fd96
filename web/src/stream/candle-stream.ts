import { useEffect } from "react";
import { create } from "zustand";
import type { Ack, Candle, CandleInterval, CandleUpdate } from "@pregao/contracts";
import { animationFrameScheduler, createRafBatcher, type FrameScheduler } from "./raf-batcher.ts";
import type { AppSocket } from "./socket-client.ts";

/** `asset|interval`: one forming bar per (asset, interval). */
export const candleKey = (asset: string, interval: CandleInterval): string => `${asset}|${interval}`;

interface CandleState {
  /** The forming bar per `candleKey`; a later bar (newer `time`) or the same bar re-sent replaces it. */
  forming: ReadonlyMap<string, Candle>;
  apply(batch: Iterable<CandleUpdate>): void;
  remove(key: string): void;
}

export const useCandleStore = create<CandleState>()((set) => ({
  forming: new Map(),
  apply: (batch) =>
    set((s) => {
      let next: Map<string, Candle> | null = null;
      for (const u of batch) {
        const key = candleKey(u.asset, u.interval);
        const prev = (next ?? s.forming).get(key);
        // A late subscribe ack must not take the chart back to a bar that already closed.
        if (prev && (prev === u.candle || prev.time > u.candle.time)) continue;
        next ??= new Map(s.forming);
        next.set(key, u.candle);
      }
      return next ? { forming: next } : s;
    }),
  remove: (key) =>
    set((s) => {
      if (!s.forming.has(key)) return s;
      const next = new Map(s.forming);
      next.delete(key);
      return { forming: next };
    }),
}));

/** The forming bar of one (asset, interval); re-renders only when that bar changes. */
export const useFormingCandle = (asset: string, interval: CandleInterval): Candle | undefined =>
  useCandleStore((s) => s.forming.get(candleKey(asset, interval)));

/** `candles:subscribe` / `candles:unsubscribe` for one (asset, interval); faked in tests. */
export interface CandleTransport {
  subscribe(asset: string, interval: CandleInterval): Promise<Ack<{ candle: Candle | null }>>;
  unsubscribe(asset: string, interval: CandleInterval): Promise<unknown>;
}

/**
 * Reference-counted forming-bar subscriptions: two charts on PETR4:B 5m subscribe once, the last release
 * unsubscribes. Updates go to the store at most once per animation frame (latest bar per key), like quotes.
 */
export class CandleSubscriptions {
  private readonly counts = new Map<string, { asset: string; interval: CandleInterval; n: number }>();
  private readonly active = new Set<string>();
  private transport: CandleTransport | null = null;
  private readonly batcher;

  constructor(scheduler: FrameScheduler = animationFrameScheduler) {
    this.batcher = createRafBatcher<string, CandleUpdate>(
      (b) => useCandleStore.getState().apply(b.values()),
      scheduler,
    );
  }

  /** Push a `candles:updated` (or a subscribe ack's bar) through the frame buffer. */
  push(update: CandleUpdate): void {
    const key = candleKey(update.asset, update.interval);
    if (this.counts.has(key)) this.batcher.push(key, update);
  }

  retain(asset: string, interval: CandleInterval): () => void {
    const key = candleKey(asset, interval);
    const held = this.counts.get(key);
    if (held) held.n += 1;
    else this.counts.set(key, { asset, interval, n: 1 });
    this.sync();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const entry = this.counts.get(key);
      if (entry && entry.n > 1) entry.n -= 1;
      else this.counts.delete(key);
      this.sync();
    };
  }

  attach(transport: CandleTransport): void {
    this.transport = transport;
    this.active.clear();
    this.sync();
  }

  detach(): void {
    this.transport = null;
    this.active.clear();
  }

  dispose(): void {
    this.detach();
    this.batcher.dispose();
  }

  private sync(): void {
    const t = this.transport;
    if (!t) return;
    for (const key of [...this.active]) {
      if (this.counts.has(key)) continue;
      this.active.delete(key);
      useCandleStore.getState().remove(key);
      const [asset = "", interval] = key.split("|") as [string, CandleInterval];
      void t.unsubscribe(asset, interval).catch(() => undefined);
    }
    for (const [key, { asset, interval }] of this.counts) {
      if (this.active.has(key)) continue;
      this.active.add(key);
      t.subscribe(asset, interval).then(
        (ack) => {
          if (!ack.ok) this.active.delete(key);
          else if (ack.data.candle) this.push({ asset, interval, candle: ack.data.candle });
        },
        () => {
          if (this.transport === t) this.active.delete(key);
        },
      );
    }
  }
}

const ACK_TIMEOUT_MS = 5000;

/** The page's forming-bar subscriptions; charts retain through it whether or not the socket is up. */
export const candleSubscriptions = new CandleSubscriptions();

/** Wire `candles:*` of one socket: every connect re-subscribes what the charts hold. */
export function attachCandleStream(socket: AppSocket): () => void {
  const onConnect = () =>
    candleSubscriptions.attach({
      subscribe: (asset, interval) =>
        socket.timeout(ACK_TIMEOUT_MS).emitWithAck("candles:subscribe", { asset, interval }),
      unsubscribe: (asset, interval) =>
        socket.timeout(ACK_TIMEOUT_MS).emitWithAck("candles:unsubscribe", { asset, interval }),
    });
  const onDisconnect = () => candleSubscriptions.detach();
  const onUpdate = (update: CandleUpdate) => candleSubscriptions.push(update);
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  socket.on("candles:updated", onUpdate);
  if (socket.connected) onConnect();
  return () => {
    socket.off("connect", onConnect);
    socket.off("disconnect", onDisconnect);
    socket.off("candles:updated", onUpdate);
    onDisconnect();
  };
}

/** Keep the forming bar of (asset, interval) subscribed while mounted. */
export function useCandleSubscription(asset: string, interval: CandleInterval): void {
  useEffect(() => candleSubscriptions.retain(asset, interval), [asset, interval]);
}
