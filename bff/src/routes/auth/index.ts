import type { AuthProvidersResponse } from "@pregao/contracts";
import { authenticate } from "../../identity/authenticate.ts";
import { toSessionUser, type UserDirectory } from "../../identity/user.ts";
import { HttpError } from "../../lib/http-error.ts";
import { setLimitHeaders } from "../../security/api-rate-limit.ts";
import type { LoginGuard } from "../../security/login-guard.ts";
import { deviceCookie, readDeviceCookie } from "../../security/login-device.ts";
import type { AuditSink } from "../../session/audit-sink.ts";
import { requestMeta } from "../../session/middleware.ts";
import type { SessionService } from "../../session/session-service.ts";
import { sessionResponse } from "../../session/response.ts";
import { OIDC_BASE } from "../oidc/defs.ts";
import { routeApp } from "../route-app.ts";
import { authDefs } from "./defs.ts";

export interface AuthDeps {
  users: UserDirectory;
  sessions: SessionService;
  audit: AuditSink;
  /** Brute-force limits (security/login-guard.ts); none → unlimited (unit tests). */
  loginGuard?: LoginGuard;
  /** Whether OpenID Connect login is configured (the providers route offers its link). */
  oidcEnabled: boolean;
}

/** `POST /api/v1/auth/login` (password), `POST /api/v1/auth/logout` and `GET /api/v1/auth/providers`. */
export const authRoute = (deps: AuthDeps) => {
  const { sessions, audit } = deps;
  return routeApp()
    .openapi(authDefs.login, async (c) => {
      const { username, password } = c.req.valid("json");
      const meta = requestMeta(c);
      const who = { requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent, method: "password" };
      c.header("Cache-Control", "no-store");
      // perimeter: 429 while a login delay runs (no password checked); RateLimit-* headers on every answer
      const device = readDeviceCookie(c.req.header("cookie"));
      const attempt = await deps.loginGuard?.begin({ ip: meta.ip, device }, username);
      setLimitHeaders(c, attempt?.info);
      // No fixation: whatever session this browser carried ends here; the new one gets a fresh id.
      const previous = c.get("sid");
      if (previous) await sessions.logout(previous, "LOGGED_OUT");
      const user = await authenticate(deps.users, username, password);
      if (!user) {
        await attempt?.failed();
        audit.record({ type: "login.failure", user: username, reason: "bad credentials", ...who });
        if (previous) c.header("Set-Cookie", sessions.cookie.clear(), { append: true });
        throw new HttpError(401, "UNAUTHENTICATED", "invalid username or password");
      }
      const known = await attempt?.succeeded();
      if (known)
        c.header("Set-Cookie", deviceCookie.serialize(known.device, known.maxAgeSec), { append: true });
      const { sid, session } = await sessions.login(toSessionUser(user), "password", meta);
      audit.record({ type: "login.success", user: user.username, userId: user.id, ...who });
      c.header("Set-Cookie", sessions.cookie.serialize(sid, sessions.cookieMaxAgeSec), { append: true });
      return c.json(sessionResponse(session, sessions.idleExpiresAt(session)), 200);
    })
    .openapi(authDefs.logout, async (c) => {
      const sid = c.get("sid");
      const ended = sid ? await sessions.logout(sid, "LOGGED_OUT") : null;
      if (ended) {
        const meta = requestMeta(c);
        audit.record({
          type: "logout",
          user: ended.user.username,
          userId: ended.user.id,
          requestId: meta.requestId,
          ip: meta.ip,
          userAgent: meta.userAgent,
        });
      }
      c.header("Set-Cookie", sessions.cookie.clear(), { append: true });
      c.header("Cache-Control", "no-store");
      return c.body(null, 204);
    })
    .openapi(authDefs.providers, (c) => {
      const body: AuthProvidersResponse = {
        password: true,
        oidc: deps.oidcEnabled ? { enabled: true, loginUrl: `${OIDC_BASE}/login` } : { enabled: false },
      };
      return c.json(body, 200);
    });
};
