import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Redis } from "ioredis";
import { HttpError } from "../lib/http-error.ts";
import type { AuditSink, Session } from "../session/index.ts";
import { apiRateLimit } from "./api-rate-limit.ts";
import { clientAddressResolver, parseTrustedProxies, type ClientAddress } from "./client-address.ts";
import { clientIp } from "../lib/client-ip.ts";
import { clientAddressMiddleware } from "./client-ip.ts";
import type { PerimeterConfig } from "./config.ts";
import { csrfGuard } from "./csrf.ts";
import { parseConnectExtra, securityHeaders } from "./headers.ts";
import { createLoginGuard, type LoginGuard, type LoginLimiterName } from "./login-guard.ts";
import { createLimiterFactory, type Limiter } from "./rate-limit.ts";
import { defaultSocketLimitsConfig, type SocketLimitsConfig } from "./socket-config.ts";

export interface PerimeterDeps {
  /** Origins allowed for state-changing requests (ALLOWED_ORIGINS); read per request, so it can follow PORT 0. */
  allowedOrigins: () => readonly string[];
  /** Rate limits count in Redis when given (shared by every BFF instance). */
  redis?: Redis | null;
  /** Key prefix for the limiters in Redis. */
  redisPrefix?: string;
  audit?: AuditSink;
  /** The session's stable key for the API limit; default: the SHA-256 hash the session middleware set. */
  sessionKey?: (c: Context) => string | undefined;
  /** Called once per refusal by a limiter (the rejection counter, observability/metrics.ts). */
  onRejected?: (limiter: LoginLimiterName | "api") => void;
}

/** Everything the perimeter mounts: HTTP middleware for app.ts, the login guard, the socket event limiter. */
export interface Perimeter {
  /** The client address (X-Forwarded-For only from TRUSTED_PROXIES), for sockets; HTTP goes through the middleware. */
  clientAddress: ClientAddress;
  /** First middleware: resolves the request's client address once for clientIp(). */
  clientAddressMiddleware: MiddlewareHandler;
  headers: MiddlewareHandler;
  bodyLimit: MiddlewareHandler;
  csrf: MiddlewareHandler;
  apiLimit: MiddlewareHandler;
  loginGuard: LoginGuard;
  /** Per-socket event limiter (always in memory: a socket lives on one process); null when switched off. */
  socketLimiter: Limiter | null;
  /** Socket event budgets summed over a session's / a user's sockets, and refused handshakes per client IP. */
  socketLimiters: SocketLimiters;
}

/** In memory like `socketLimiter`: sockets are counted per instance (docs/security.md). Null = switched off. */
export interface SocketLimiters {
  session: Limiter | null;
  user: Limiter | null;
  refusedHandshakes: Limiter | null;
}

function socketLimiters(
  local: ReturnType<typeof createLimiterFactory>,
  c: SocketLimitsConfig,
  windowSec: number,
): SocketLimiters {
  const make = (name: string, points: number) =>
    points > 0 ? local({ name, points, durationSec: windowSec }) : null;
  return {
    session: make("socket-session", c.RATE_SOCKET_SESSION_EVENTS),
    user: make("socket-user", c.RATE_SOCKET_USER_EVENTS),
    refusedHandshakes: make("socket-refused-ip", c.RATE_SOCKET_REFUSED_PER_IP),
  };
}

export function createPerimeter(
  config: PerimeterConfig &
    Partial<SocketLimitsConfig> & { WEB_SENTRY_DSN?: string; TRUSTED_PROXIES?: string },
  deps: PerimeterDeps,
): Perimeter {
  const shared = createLimiterFactory({ redis: deps.redis ?? null, prefix: deps.redisPrefix });
  const local = createLimiterFactory();
  const perMin = config.RATE_API_PER_MIN;
  const socketPoints = config.RATE_SOCKET_EVENTS;
  const clientAddress = clientAddressResolver(parseTrustedProxies(config.TRUSTED_PROXIES ?? ""));
  return {
    clientAddress,
    clientAddressMiddleware: clientAddressMiddleware(clientAddress),
    headers: securityHeaders({
      connectExtra: parseConnectExtra(config.CSP_CONNECT_EXTRA),
      sentryDsn: config.WEB_SENTRY_DSN,
    }),
    bodyLimit: bodyLimit({
      maxSize: config.BODY_LIMIT_BYTES,
      onError: () => {
        throw new HttpError(
          413,
          "PAYLOAD_TOO_LARGE",
          `body larger than ${config.BODY_LIMIT_BYTES} bytes`,
          undefined,
          {
            maxBytes: config.BODY_LIMIT_BYTES,
          },
        );
      },
    }),
    csrf: csrfGuard({
      allowedOrigins: deps.allowedOrigins,
      onReject: (c, reason) =>
        deps.audit?.record({
          type: "csrf.rejected",
          requestId: c.get("requestId") as string | undefined,
          ip: clientIp(c),
          userAgent: c.req.header("user-agent"),
          method: c.req.method,
          path: c.req.path,
          reason,
        }),
    }),
    apiLimit: apiRateLimit({
      limiter: perMin > 0 ? shared({ name: "api", points: perMin, durationSec: 60 }) : null,
      sessionKey: deps.sessionKey ?? ((c) => (c.get("session") as Session | undefined)?.hash),
      ...(deps.onRejected ? { onRejected: () => deps.onRejected?.("api") } : {}),
      onLimited: (c, err) =>
        deps.audit?.record({
          type: "rate.limited",
          requestId: c.get("requestId") as string | undefined,
          ip: clientIp(c),
          userAgent: c.req.header("user-agent"),
          method: c.req.method,
          path: c.req.path,
          reason: err.message,
        }),
    }),
    loginGuard: createLoginGuard(shared, {
      perIp: config.RATE_LOGIN_IP,
      failuresPerUser: config.RATE_LOGIN_USER_FAILURES,
      backstopPerUser: config.RATE_LOGIN_USER_BACKSTOP,
      windowSec: config.RATE_LOGIN_WINDOW_S,
      baseDelaySec: config.RATE_LOGIN_DELAY_BASE_S,
      maxDelaySec: config.RATE_LOGIN_DELAY_MAX_S,
      knownSec: config.RATE_LOGIN_KNOWN_DAYS * 24 * 3600,
      ...(deps.onRejected ? { onRejected: deps.onRejected } : {}),
    }),
    socketLimiter:
      socketPoints > 0
        ? local({ name: "socket", points: socketPoints, durationSec: config.RATE_SOCKET_WINDOW_S })
        : null,
    socketLimiters: socketLimiters(
      local,
      { ...defaultSocketLimitsConfig, ...config },
      config.RATE_SOCKET_WINDOW_S,
    ),
  };
}
