import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../app-env.ts";
import { clientIp } from "../lib/client-ip.ts";
import { readSessionCookie } from "./cookie.ts";
import type { SessionService } from "./session-service.ts";
import type { SessionMeta } from "./types.ts";

/**
 * Resolves the session cookie on every request it runs for: sets `session`/`sid` (undefined when anonymous) and
 * `authFailure` when a cookie was sent but is useless. An expired session's cookie is cleared on whatever response
 * follows. Deciding whether the route needs a session is requirePermission's job, not this one's.
 */
export function sessionMiddleware(sessions: SessionService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const sid = readSessionCookie(c.req.header("cookie"));
    c.set("session", undefined);
    c.set("sid", undefined);
    c.set("authFailure", undefined);
    if (sid !== undefined) {
      const result = await sessions.resolve(sid);
      if (result.ok) {
        c.set("session", result.session);
        c.set("sid", sid);
      } else if (result.reason === "SESSION_EXPIRED") {
        c.set("authFailure", "SESSION_EXPIRED");
        c.header("Set-Cookie", sessions.cookie.clear(), { append: true });
      } else {
        c.set("authFailure", "UNAUTHENTICATED");
      }
    } else if (c.req.header("cookie")?.includes(sessions.cookie.name)) {
      c.set("authFailure", "UNAUTHENTICATED");
    }
    await next();
  };
}

/** Request facts for the session record and the audit log (never the cookie). */
export function requestMeta(c: Context<AppEnv>): SessionMeta {
  return {
    ip: clientIp(c),
    userAgent: (c.req.header("user-agent") ?? "").slice(0, 256),
    requestId: c.get("requestId"),
  };
}
