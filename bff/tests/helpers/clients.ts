import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "@pregao/contracts";
import { silentLogger } from "../../src/lib/logger.ts";
import { startBff, type BffDeps, type RunningBff } from "../../src/server.ts";
import type { Config } from "../../src/env.ts";
import { login, type DemoUser } from "./session.ts";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Small timings so every fault scenario settles in well under a second or two. */
export const fastTimings: Partial<Config> = {
  PORT: 0,
  HOST: "127.0.0.1",
  METRICS_PORT: 0, // every test BFF gets its own ephemeral metrics listener (never 9464)
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
  // Demo users (trader, risk, viewer) and no user file: every test logs in as one of them.
  PREGAO_DEMO: true,
  USERS_FILE: "/nonexistent/users.json",
  AUDIT_LOG_FILE: join(tmpdir(), `pregao-test-audit-${process.pid}.jsonl`),
  LOG_LEVEL: "silent",
  // Service-token keys in a per-process temp dir (never bff/data/keys); no order manager unless a test starts one
  // (port 9 refuses at once).
  SERVICE_KEYS_DIR: join(tmpdir(), `pregao-test-keys-${process.pid}`),
  ORDER_MANAGER_URL: "http://127.0.0.1:9",
  SERVICE_KEYS_RELOAD_MS: 0,
};

/** Starts a BFF on port 0; `token` is a static FEED_TOKEN, or undefined to send minted `market-data` JWTs. */
export function startTestBff(
  feedUrl: string,
  token: string | undefined,
  extra: Partial<Config> = {},
  deps: BffDeps = {},
): Promise<RunningBff> {
  return startBff(
    { ...fastTimings, FEED_URL: feedUrl, ...(token === undefined ? {} : { FEED_TOKEN: token }), ...extra },
    silentLogger,
    deps,
  );
}

export interface ConnectOptions {
  /** Cookie header to send; default: a fresh login as `as`. `null` sends none. */
  cookie?: string | null;
  /** Log in as this demo user when no cookie is given (default trader). */
  as?: DemoUser;
  /** Origin header; default the BFF's own origin. `null` sends none. */
  origin?: string | null;
  /** More request headers (e.g. `sec-fetch-site`). */
  headers?: Record<string, string>;
  /** Default WebSocket only. */
  transports?: ("websocket" | "polling")[];
}

/** Opens a socket.io client like the SPA would: same Origin, the session cookie (logging in first by default). */
export async function connect(url: string, opts: ConnectOptions = {}): Promise<ClientSocket> {
  const cookie = opts.cookie === undefined ? await login(url, opts.as ?? "trader") : opts.cookie;
  const origin = opts.origin === undefined ? new URL(url).origin : opts.origin;
  const extraHeaders: Record<string, string> = { ...opts.headers };
  if (cookie) extraHeaders.cookie = cookie;
  if (origin) extraHeaders.origin = origin;
  const socket: ClientSocket = io(url, {
    path: "/socket.io",
    transports: opts.transports ?? ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

/** The connect_error a refused handshake produces: `{ message, data: { code } }`. */
export function connectError(
  url: string,
  opts: ConnectOptions,
): Promise<{ message: string; data?: { code?: string } }> {
  return connect(url, opts).then(
    (s) => {
      s.disconnect();
      throw new Error("expected the handshake to be refused");
    },
    (err: { message: string; data?: { code?: string } }) => err,
  );
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
