import type { LimitInfo, LimiterFactory } from "./rate-limit.ts";
import { RateLimitedError, info, take } from "./rate-limit.ts";

export interface LoginGuardOptions {
  /** Attempts per IP per window (every attempt counts, right or wrong). */
  perIp: number;
  /** Failures per username per window; reaching it locks the username out for one window. */
  failuresPerUser: number;
  windowSec: number;
  /** Called once per refused attempt, naming the limit that refused it. */
  onRejected?: (limiter: "login_ip" | "login_user") => void;
}

/**
 * Brute-force defence for password login. The login route calls, in order:
 * `await check(ip, username)` before verifying (throws RateLimitedError → 429), then `recordFailure(ip, username)` on
 * a wrong password/unknown user or `recordSuccess(ip, username)` on success (clears the username's failures).
 * The username lockout is what stops a distributed guess at one account; the IP limit stops one client spraying many.
 */
export interface LoginGuard {
  check(ip: string, username: string): Promise<LimitInfo>;
  recordFailure(ip: string, username: string): Promise<void>;
  recordSuccess(ip: string, username: string): Promise<void>;
}

/** A guard that never limits (a rate of 0 in config). */
const off: LimitInfo = { limit: 0, remaining: 0, resetSec: 1, limited: false };

export function createLoginGuard(factory: LimiterFactory, opts: LoginGuardOptions): LoginGuard {
  const ip =
    opts.perIp > 0 ? factory({ name: "login-ip", points: opts.perIp, durationSec: opts.windowSec }) : null;
  const user =
    opts.failuresPerUser > 0
      ? factory({
          name: "login-user-fail",
          points: opts.failuresPerUser,
          durationSec: opts.windowSec,
          blockDurationSec: opts.windowSec,
        })
      : null;
  const userKey = (username: string) => username.trim().toLowerCase().slice(0, 128);
  return {
    async check(addr, username) {
      if (user) {
        const res = await user.get(userKey(username));
        if (res && res.consumedPoints >= user.points) {
          opts.onRejected?.("login_user");
          throw new RateLimitedError(
            info(user.points, res, true),
            "too many failed logins for this user; try again later",
          );
        }
      }
      if (!ip) return off;
      const i = await take(ip, addr);
      if (i.limited) {
        opts.onRejected?.("login_ip");
        throw new RateLimitedError(i, "too many login attempts from this address; try again later");
      }
      return i;
    },
    async recordFailure(_addr, username) {
      if (user) await take(user, userKey(username));
    },
    async recordSuccess(_addr, username) {
      if (user) await user.delete(userKey(username));
    },
  };
}
