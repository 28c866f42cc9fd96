import type { Ack, PingResult } from "@pregao/contracts";
import { usePingStore } from "./ping-store.ts";

/** One `connection:ping` every 5 s while connected. */
export const PING_INTERVAL_MS = 5000;
const PING_TIMEOUT_MS = 5000;

/** The slice of the socket the pinger needs (faked in tests). */
export interface PingSocket {
  readonly connected: boolean;
  on(event: "connect" | "disconnect", listener: () => void): unknown;
  off(event: "connect" | "disconnect", listener: () => void): unknown;
  timeout(ms: number): {
    emitWithAck(event: "connection:ping", payload: Record<string, never>): Promise<Ack<PingResult>>;
  };
}

/**
 * Measure this browser's socket round trip: a ping on connect, then every PING_INTERVAL_MS while connected (none while
 * disconnected). A timed-out or refused ping records nothing. Returns a stop function.
 */
export function attachPing(
  socket: PingSocket,
  clock: () => number = () => performance.now(),
  intervalMs = PING_INTERVAL_MS,
): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const ping = () => {
    const sent = clock();
    socket
      .timeout(PING_TIMEOUT_MS)
      .emitWithAck("connection:ping", {})
      .then(
        (ack) => {
          if (ack.ok && socket.connected) usePingStore.getState().record(Math.max(0, clock() - sent));
        },
        () => undefined,
      );
  };
  const onConnect = () => {
    clearInterval(timer);
    ping();
    timer = setInterval(ping, intervalMs);
  };
  const onDisconnect = () => {
    clearInterval(timer);
    timer = undefined;
    usePingStore.getState().reset();
  };
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  if (socket.connected) onConnect();
  return () => {
    socket.off("connect", onConnect);
    socket.off("disconnect", onDisconnect);
    onDisconnect();
  };
}
