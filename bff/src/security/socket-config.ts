import { z } from "zod";

const count = (def: number) => z.coerce.number().int().nonnegative().default(def);

/**
 * Abuse limits for browser sockets and the audit log's write path. Spread into `configSchema` in env.ts. A cap or rate
 * of 0 switches that limit off. Every count is per BFF instance (in memory): a socket lives on one process, and the
 * caps are not shared across instances yet (docs/security.md).
 */
export const socketLimitsConfigShape = {
  /** Open sockets per session (the tabs of one browser share a cookie); the next handshake gets TOO_MANY_SOCKETS. */
  SOCKET_MAX_PER_SESSION: count(10),
  /** Open sockets per user over all their sessions (two browsers, a second machine). */
  SOCKET_MAX_PER_USER: count(20),
  /** Open sockets per client IP (a desk behind one NAT shares it: keep it well above desk size × tabs). */
  SOCKET_MAX_PER_IP: count(100),
  /** Subscriptions per channel summed over every socket of one session (each socket also holds ≤ 100). */
  SOCKET_SESSION_SUBSCRIPTIONS: count(300),
  /** Subscriptions per channel summed over every socket of one user. */
  SOCKET_USER_SUBSCRIPTIONS: count(600),
  /** Socket events per session per RATE_SOCKET_WINDOW_S, over all its sockets (on top of RATE_SOCKET_EVENTS). */
  RATE_SOCKET_SESSION_EVENTS: count(100),
  /** Socket events per user per RATE_SOCKET_WINDOW_S, over all their sessions. */
  RATE_SOCKET_USER_EVENTS: count(200),
  /** Refused socket handshakes per client IP per RATE_SOCKET_WINDOW_S; past it that IP's handshakes get RATE_LIMITED. */
  RATE_SOCKET_REFUSED_PER_IP: count(30),
  /** Repeats of a denial (same kind, event and session or IP) within this window become one aggregate audit line. */
  AUDIT_AGGREGATE_WINDOW_MS: count(10_000).pipe(z.number().min(100)),
  /** Audit records waiting to be written; when full, further records are counted into aggregate lines, never lost. */
  AUDIT_QUEUE_MAX: count(10_000).pipe(z.number().min(1)),
} as const;

const socketLimitsConfigSchema = z.object(socketLimitsConfigShape);
export type SocketLimitsConfig = z.infer<typeof socketLimitsConfigSchema>;

/** The defaults, for callers (unit tests, createApp without a config) that bring none. */
export const defaultSocketLimitsConfig: SocketLimitsConfig = socketLimitsConfigSchema.parse({});
