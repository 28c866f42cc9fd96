import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { HttpError } from "../lib/http-error.ts";

/** One limit: `points` per `durationSec`; past it, blocked for `blockDurationSec` (default: till the window ends). */
export interface LimitSpec {
  /** Key prefix inside the store, e.g. "login-ip". */
  name: string;
  points: number;
  durationSec: number;
  blockDurationSec?: number;
}

/** The part of rate-limiter-flexible's limiters the perimeter uses (memory and Redis alike). */
export interface Limiter {
  readonly points: number;
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  delete(key: string): Promise<boolean>;
  /** Blocks `key` for `secDuration` seconds (login backoff, security/login-backoff.ts). */
  block(key: string, secDuration: number): Promise<RateLimiterRes>;
}

export interface LimiterFactoryOptions {
  /** When given, limiters count in Redis (shared by every BFF) with an in-memory insurance limiter. */
  redis?: Redis | null;
  /** Store key prefix, so deployments and tests sharing a Redis never mix counts. */
  prefix?: string;
}

export type LimiterFactory = (spec: LimitSpec) => Limiter;

/** Longest duration Node's timers hold (2^31 − 1 ms), in whole seconds. */
const MAX_TIMER_SEC = Math.floor((2 ** 31 - 1) / 1000);

/**
 * Builds limiters: RateLimiterMemory by default, RateLimiterRedis with `REDIS_URL`. A Redis limiter falls back to a
 * per-process memory limiter with the same spec whenever Redis errors or is not connected (`rejectIfRedisNotReady`),
 * so a Redis outage degrades limits to per-instance instead of failing open or failing every request.
 */
export function createLimiterFactory(opts: LimiterFactoryOptions = {}): LimiterFactory {
  const prefix = opts.prefix ?? "pregao:rl";
  return (spec) => {
    const base = {
      keyPrefix: `${prefix}:${spec.name}`,
      points: spec.points,
      duration: spec.durationSec,
      blockDuration: spec.blockDurationSec ?? 0,
    };
    // The memory store expires keys with setTimeout, which overflows past 2^31 ms (~24.8 days) and then fires at
    // once; clamp so a long window (the login guard's familiar sources) is shortened in memory, never dropped.
    const memory = new RateLimiterMemory({ ...base, duration: Math.min(base.duration, MAX_TIMER_SEC) });
    const limiter = opts.redis
      ? new RateLimiterRedis({
          ...base,
          storeClient: opts.redis,
          rejectIfRedisNotReady: true,
          insuranceLimiter: memory,
        })
      : memory;
    return Object.assign(limiter, { points: spec.points }) as Limiter;
  };
}

/** What a limiter said about one request. */
export interface LimitInfo {
  limit: number;
  remaining: number;
  resetSec: number;
  limited: boolean;
}

/** Normalises rate-limiter-flexible's resolve/reject: a RateLimiterRes either way; real errors rethrow. */
export async function take(limiter: Limiter, key: string): Promise<LimitInfo> {
  try {
    return info(limiter.points, await limiter.consume(key), false);
  } catch (err) {
    if (err instanceof RateLimiterRes) return info(limiter.points, err, true);
    throw err;
  }
}

export function info(limit: number, res: RateLimiterRes, limited: boolean): LimitInfo {
  return {
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetSec: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    limited,
  };
}

/** `RateLimit-Limit/-Remaining/-Reset` (IETF draft, delta seconds) and `Retry-After` when limited. */
export function limitHeaders(i: LimitInfo): Record<string, string> {
  const h: Record<string, string> = {
    "RateLimit-Limit": String(i.limit),
    "RateLimit-Remaining": String(i.limited ? 0 : i.remaining),
    "RateLimit-Reset": String(i.resetSec),
  };
  if (i.limited) h["Retry-After"] = String(i.resetSec);
  return h;
}

/** 429 RATE_LIMITED; the API limit middleware copies `headers` onto the error response. */
export class RateLimitedError extends HttpError {
  readonly headers: Record<string, string>;
  constructor(
    readonly info: LimitInfo,
    message = `too many requests; retry in ${info.resetSec} s`,
  ) {
    // `details.retryAfter` (s): the browser words "try again in N s" in the user's language and numbers.
    super(429, "RATE_LIMITED", message, undefined, { retryAfter: info.resetSec });
    this.name = "RateLimitedError";
    this.headers = limitHeaders(info);
  }
}
