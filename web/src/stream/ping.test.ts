import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Ack, PingResult } from "@pregao/contracts";
import { attachPing, PING_INTERVAL_MS, type PingSocket } from "./ping.ts";
import { median, PING_WINDOW, usePingStore } from "./ping-store.ts";

function fakeSocket(rttMs: () => number, now: { t: number }) {
  const listeners = new Map<string, Set<() => void>>();
  const socket = {
    connected: false,
    pings: 0,
    on(e: string, l: () => void) {
      if (!listeners.has(e)) listeners.set(e, new Set());
      listeners.get(e)!.add(l);
    },
    off(e: string, l: () => void) {
      listeners.get(e)?.delete(l);
    },
    emit(e: string) {
      socket.connected = e === "connect";
      for (const l of listeners.get(e) ?? []) l();
    },
    timeout: () => ({
      emitWithAck: (): Promise<Ack<PingResult>> => {
        socket.pings++;
        now.t += rttMs();
        return Promise.resolve({ ok: true, data: { serverTime: 1 } });
      },
    }),
  };
  return socket;
}

beforeEach(() => {
  vi.useFakeTimers();
  usePingStore.getState().reset();
});
afterEach(() => vi.useRealTimers());

describe("attachPing", () => {
  it("pings on connect and every 5 s while connected, records the round trip, stops when disconnected", async () => {
    const now = { t: 0 };
    const rtts = [12, 30, 18];
    const socket = fakeSocket(() => rtts.shift() ?? 5, now);
    const stop = attachPing(socket as unknown as PingSocket, () => now.t);
    expect(socket.pings).toBe(0);
    socket.emit("connect");
    await vi.advanceTimersByTimeAsync(0);
    expect(usePingStore.getState().lastRttMs).toBe(12);
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS * 2);
    expect(socket.pings).toBe(3);
    expect(usePingStore.getState().samples).toEqual([12, 30, 18]);
    expect(median(usePingStore.getState().samples)).toBe(18);
    socket.emit("disconnect");
    expect(usePingStore.getState().lastRttMs).toBeNull();
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS * 3);
    expect(socket.pings).toBe(3);
    stop();
  });

  it("records nothing for a refused or timed-out ping", async () => {
    const socket = fakeSocket(() => 1, { t: 0 });
    socket.timeout = () => ({ emitWithAck: () => Promise.reject(new Error("operation has timed out")) });
    attachPing(socket as unknown as PingSocket);
    socket.emit("connect");
    await vi.advanceTimersByTimeAsync(PING_INTERVAL_MS);
    expect(usePingStore.getState().lastRttMs).toBeNull();
  });
});

describe("ping store", () => {
  it("keeps the last PING_WINDOW samples; median of odd and even counts", () => {
    for (let i = 1; i <= PING_WINDOW + 3; i++) usePingStore.getState().record(i);
    expect(usePingStore.getState().samples).toHaveLength(PING_WINDOW);
    expect(usePingStore.getState().samples[0]).toBe(4);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});
