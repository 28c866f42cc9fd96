import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";
import { silentLogger } from "../../src/lib/logger.ts";
import { startBff, type RunningBff } from "../../src/server.ts";
import type { Config } from "../../src/env.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Small timings so every fault scenario settles in well under a second or two. */
export const fastTimings: Partial<Config> = {
  PORT: 0,
  HOST: "127.0.0.1",
  FEED_STALE_MS: 300,
  FEED_DEAD_MS: 300,
  FEED_CONNECT_TIMEOUT_MS: 1000,
  FEED_BACKOFF_INITIAL_MS: 20,
  FEED_BACKOFF_MAX_MS: 100,
  FEED_BREAKER_THRESHOLD: 2,
  FEED_BREAKER_COOLDOWN_MS: 300,
  SUBSCRIPTION_LINGER_MS: 0,
  SNAPSHOT_WAIT_MS: 1500,
  CONFLATION_MS: 50,
  READY_MAX_FEED_AGE_MS: 500,
  WEB_DIST: "/nonexistent",
};

export function startTestBff(
  feedUrl: string,
  token: string,
  extra: Partial<Config> = {},
): Promise<RunningBff> {
  return startBff({ ...fastTimings, FEED_URL: feedUrl, FEED_TOKEN: token, ...extra }, silentLogger);
}

export async function connect(url: string): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, { path: "/socket.io", transports: ["websocket"], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** Emits an event with an ack and resolves with the ack body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read ack bodies loosely
export function call(socket: ClientSocket, event: string, ...args: unknown[]): Promise<any> {
  return new Promise((resolve) => (socket.emit as (...a: unknown[]) => void)(event, ...args, resolve));
}

/** Resolves with the first `event` payload matching `pred`. */
export function next<E extends keyof ServerToClientEvents>(
  socket: ClientSocket,
  event: E,
  pred: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      reject(new Error(`timeout waiting for ${event}`));
    }, timeoutMs);
    const handler = (payload: Parameters<ServerToClientEvents[E]>[0]): void => {
      if (!pred(payload)) return;
      clearTimeout(timer);
      socket.off(event, handler as never);
      resolve(payload);
    };
    socket.on(event, handler as never);
  });
}

/** Polls `fn` until it returns truthy (for state that has no event, e.g. counters). */
export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 5000): Promise<NonNullable<T>> {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > timeoutMs) throw new Error("until: timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
}
