import { createBackoff, type Backoff } from "./login-backoff.ts";
import { deviceCookie } from "./login-device.ts";
import type { LimitInfo, LimiterFactory } from "./rate-limit.ts";
import { RateLimitedError } from "./rate-limit.ts";

/** The throttle that refused an attempt (the `limiter` label of pregao_rate_limit_rejections_total). */
export type LoginLimiterName = "login_user" | "login_ip" | "login_backstop";

export interface LoginGuardOptions {
  /** Failed logins from one client IP (any username) before growing delays start. 0 = off. */
  perIp: number;
  /** Failed logins for one username from one source (an IP, or a known device) before growing delays start. 0 = off. */
  failuresPerUser: number;
  /** Failed logins for one username from every unfamiliar source together (the distributed-guessing backstop). */
  backstopPerUser: number;
  /** Failures are counted per fixed window of this length. */
  windowSec: number;
  /** First delay once a limit is reached; each further failure doubles it, up to `maxDelaySec`. */
  baseDelaySec: number;
  maxDelaySec: number;
  /** How long a device or IP that logged in as a user stays familiar (exempt from that user's backstop). */
  knownSec: number;
  /** Called once per refused attempt, naming the throttle that refused it. */
  onRejected?: (limiter: LoginLimiterName) => void;
}

/** Where an attempt comes from: the client IP (security/client-ip.ts) and the known-device cookie, if any. */
export interface LoginSource {
  ip: string;
  device?: string | undefined;
}

/** One attempt the guard let through; the route reports its outcome exactly once. */
export interface LoginAttempt {
  /** For the `RateLimit-*` headers of the answer. */
  info: LimitInfo;
  failed(): Promise<void>;
  /** Forgets this source's failures for the user and remembers the source; returns the device cookie to set. */
  succeeded(): Promise<{ device: string; maxAgeSec: number }>;
}

/**
 * Brute-force defence for password login that no anonymous client can turn into a lockout of a real user:
 * - per username + source (IP, or a known-device cookie) — an attacker slows down their own pair only;
 * - per IP across usernames — one client spraying;
 * - per username across unfamiliar sources — a much higher backstop for distributed guessing, which a device or IP
 *   that logged in as that user before does not count towards and is not held by.
 * Each dimension gives `free` failures, then delays that double (never a lock for good). While a delay runs the attempt
 * is refused with 429 + Retry-After before any password is checked. docs/security.md ("Login throttling") has the why.
 */
export interface LoginGuard {
  /** Throws RateLimitedError (→ 429) while a delay runs for this source. */
  begin(src: LoginSource, username: string): Promise<LoginAttempt>;
}

const UNCAPPED = 1_000_000_000;
const userKey = (username: string) => username.trim().toLowerCase().slice(0, 128);

export function createLoginGuard(factory: LimiterFactory, opts: LoginGuardOptions): LoginGuard {
  const delays = { baseSec: opts.baseDelaySec, maxSec: opts.maxDelaySec, windowSec: opts.windowSec };
  const pair = createBackoff(factory, { name: "login-pair", free: opts.failuresPerUser, ...delays });
  const ip = createBackoff(factory, { name: "login-ip", free: opts.perIp, ...delays });
  const backstop = createBackoff(factory, { name: "login-user", free: opts.backstopPerUser, ...delays });
  // A set with expiry, kept in the limiter store so every BFF instance (Redis) sees the same familiar sources.
  const known = factory({ name: "login-known", points: UNCAPPED, durationSec: opts.knownSec });
  const isKnown = async (key: string) => ((await known.get(key))?.consumedPoints ?? 0) > 0;
  const remember = async (key: string) => {
    await known.delete(key); // restart its expiry
    await known.consume(key);
  };

  const refuse = async (b: Backoff, key: string, name: LoginLimiterName, message: string) => {
    const w = await b.waiting(key);
    if (!w) return;
    opts.onRejected?.(name);
    const resetSec = Math.max(1, Math.ceil(w.msLeft / 1000));
    throw new RateLimitedError({ limit: b.spec.free, remaining: 0, resetSec, limited: true }, message);
  };

  return {
    async begin(src, username) {
      const user = userKey(username);
      const device = src.device && (await isKnown(`d:${src.device}:${user}`)) ? src.device : undefined;
      const pairKey = device ? `${user}|d:${device}` : `${user}|${src.ip}`;
      const knownIp = device ? true : await isKnown(`i:${src.ip}:${user}`);
      const wait = "try again later";
      await refuse(pair, pairKey, "login_user", `too many failed logins for this user from here; ${wait}`);
      // A known device answers for itself: the IP it shares (an office NAT) and the user's backstop do not hold it.
      if (!device) await refuse(ip, src.ip, "login_ip", `too many failed logins from this address; ${wait}`);
      if (!knownIp)
        await refuse(backstop, user, "login_backstop", `too many failed logins for this user; ${wait}`);
      const failures = await pair.failures(pairKey);
      const info: LimitInfo = {
        limit: opts.failuresPerUser,
        remaining: Math.max(0, opts.failuresPerUser - failures),
        resetSec: opts.windowSec,
        limited: false,
      };
      return {
        info,
        async failed() {
          await pair.fail(pairKey);
          if (!device) await ip.fail(src.ip);
          if (!knownIp) await backstop.fail(user);
        },
        async succeeded() {
          // The IP and backstop counts stay: a sprayer holding one valid account must not reset them by logging in.
          await pair.clear(pairKey);
          const id = src.device ?? deviceCookie.newId();
          await Promise.all([remember(`d:${id}:${user}`), remember(`i:${src.ip}:${user}`)]);
          return { device: id, maxAgeSec: opts.knownSec };
        },
      };
    },
  };
}
