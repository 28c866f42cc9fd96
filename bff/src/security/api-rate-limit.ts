import type { Context, MiddlewareHandler } from "hono";
import { clientIp } from "../lib/client-ip.ts";
import { RateLimitedError, limitHeaders, take, type LimitInfo, type Limiter } from "./rate-limit.ts";

/** Puts a limiter's `RateLimit-*` headers on the response being built (no-op for a switched-off limiter). */
export function setLimitHeaders(c: Context, info: LimitInfo | undefined): void {
  if (!info || info.limit === 0) return;
  for (const [k, v] of Object.entries(limitHeaders(info))) c.header(k, v);
}

export interface ApiRateLimitOptions {
  /** Null switches the API limit off (RATE_API_PER_MIN=0); the login guard's 429 headers still apply. */
  limiter: Limiter | null;
  /** The session's stable key (its hash); anonymous requests are counted per client IP. */
  sessionKey?: (c: Context) => string | undefined;
  /** Called for every 429 that passes through (API limit or login guard): the audit trail of lockouts. */
  onLimited?: (c: Context, err: RateLimitedError) => void;
  /** Called once per request this limit itself refuses (not for the login guard's 429s passing through). */
  onRejected?: () => void;
}

/**
 * Per-session API limit on `/api/*`, with `RateLimit-*` headers on every response of a limited route. Also the one
 * place that puts a RateLimitedError's headers (`Retry-After`, `RateLimit-*`) on its 429 whoever threw it (the login
 * guard throws from inside the login route).
 */
export function apiRateLimit(opts: ApiRateLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    if (opts.limiter) {
      const sid = opts.sessionKey?.(c);
      const i = await take(opts.limiter, sid ? `s:${sid}` : `ip:${clientIp(c)}`);
      setLimitHeaders(c, i);
      if (i.limited) {
        const err = new RateLimitedError(i);
        opts.onRejected?.();
        opts.onLimited?.(c, err);
        throw err;
      }
    }
    await next();
    if (c.error instanceof RateLimitedError) {
      for (const [k, v] of Object.entries(c.error.headers)) c.res.headers.set(k, v);
      opts.onLimited?.(c, c.error);
    }
  };
}
