import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import type { OidcLogoutResponse } from "@pregao/contracts";
import type { AppEnv } from "../../app-env.ts";
import { HttpError } from "../../lib/http-error.ts";
import { clientIp } from "../../security/client-ip.ts";
import type { AuditEvent } from "../../session/audit-sink.ts";
import { readSessionCookie } from "../../session/cookie.ts";
import {
  OidcRejectedError,
  OidcUnavailableError,
  safeReturnTo,
  userFromClaims,
  type Oidc,
  type OidcClient,
} from "../../session/oidc/index.ts";
import type { SessionMeta } from "../../session/types.ts";
import { routeApp } from "../route-app.ts";
import { OIDC_BASE, oidcDefs } from "./defs.ts";
import { fail, respondFailure } from "./failure.ts";
import { OIDC_FLOW_TTL_MS, flowCookie, readFlowCookie } from "./flow-cookie.ts";

function metaOf(c: Context<AppEnv>): SessionMeta {
  return {
    ip: clientIp(c),
    userAgent: (c.req.header("user-agent") ?? "").slice(0, 256),
    requestId: c.get("requestId"),
  };
}

/**
 * `/api/v1/auth/oidc/*`: the authorization-code + PKCE login, its callback and RP-initiated logout, over the OIDC
 * service (session/oidc/). Always mounted, so the SPA's `hc<AppType>` knows them; without OIDC configured every one
 * answers 404 NOT_FOUND.
 */
export const oidcRoute = (oidc: Oidc | undefined) => {
  const originOf = (c: Context<AppEnv>) => oidc?.publicOrigin ?? new URL(c.req.url).origin;
  const audit = (c: Context<AppEnv>, e: Omit<AuditEvent, "method" | "requestId" | "ip" | "userAgent">) => {
    const meta = metaOf(c);
    oidc?.audit.record({
      ...e,
      method: "oidc",
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  };

  return (
    routeApp()
      /**
       * Starts the authorization-code + PKCE flow. GET because it is a plain navigation (a link on the login page);
       * it changes no session state, only parks a single-use pending flow.
       */
      .openapi(oidcDefs.login, async (c) => {
        if (!oidc) return respondFailure(c, fail.notConfigured);
        const returnTo = safeReturnTo(c.req.valid("query").returnTo);
        const redirectUri = oidc.settings.redirectUri ?? `${originOf(c)}${OIDC_BASE}/callback`;
        let started: Awaited<ReturnType<OidcClient["startLogin"]>>;
        try {
          started = await oidc.client.startLogin(redirectUri, returnTo);
        } catch (err) {
          oidc.logger.warn({ err: String(err) }, "oidc: discovery failed");
          return respondFailure(c, fail.unavailable);
        }
        const id = randomBytes(32).toString("base64url");
        await oidc.flows.put(id, started.flow, OIDC_FLOW_TTL_MS);
        c.header("Set-Cookie", flowCookie(id, OIDC_FLOW_TTL_MS / 1000));
        c.header("Cache-Control", "no-store");
        return c.redirect(started.url.href, 302);
      })
      /**
       * The provider's redirect back. A GET that creates a session (OAuth fixes the method); login CSRF is stopped by
       * the pending flow: it must exist for the browser's own `__Host-pregao_oidc` cookie, is single-use, and its
       * state, nonce and PKCE verifier must all match.
       */
      .openapi(oidcDefs.callback, async (c) => {
        if (!oidc) return respondFailure(c, fail.notConfigured);
        const { sessions, settings, logger } = oidc;
        c.header("Set-Cookie", flowCookie("", 0), { append: true });
        const flowId = readFlowCookie(c.req.header("cookie"));
        const flow = flowId ? await oidc.flows.take(flowId) : undefined;
        if (!flow) {
          audit(c, { type: "login.failure", reason: "NO_PENDING_FLOW" });
          return respondFailure(c, fail.noFlow);
        }
        let result: Awaited<ReturnType<OidcClient["finishLogin"]>>;
        try {
          result = await oidc.client.finishLogin(new URL(c.req.url).search, flow);
        } catch (err) {
          if (err instanceof OidcRejectedError) {
            audit(c, { type: "login.failure", reason: err.detail.slice(0, 120) });
            return respondFailure(c, fail.rejected);
          }
          if (err instanceof OidcUnavailableError) {
            logger.warn({ err: String(err.cause) }, "oidc: provider unavailable during callback");
            audit(c, { type: "login.failure", reason: "IDP_UNAVAILABLE" });
            return respondFailure(c, fail.unavailable);
          }
          throw err;
        }
        const mapped = userFromClaims(result.claims, settings.mapping);
        if (!mapped.ok) {
          audit(c, {
            type: "login.failure",
            reason: mapped.reason,
            ...(mapped.username ? { user: mapped.username } : {}),
          });
          return respondFailure(c, mapped.reason === "NO_ROLE" ? fail.noRole : fail.rejected);
        }
        if (mapped.rejectedAccounts.length > 0)
          logger.warn(
            { user: mapped.user.username, rejected: mapped.rejectedAccounts },
            "oidc: malformed accounts",
          );
        // A session the browser already had is ended, not left behind next to the new one.
        const previous = c.get("sid") ?? readSessionCookie(c.req.header("cookie"));
        if (previous) await sessions.logout(previous);
        const { sid } = await sessions.login(mapped.user, "oidc", metaOf(c), { oidcIdToken: result.idToken });
        audit(c, { type: "login.success", user: mapped.user.username, userId: mapped.user.id });
        c.header("Set-Cookie", sessions.cookie.serialize(sid, sessions.cookieMaxAgeSec), { append: true });
        c.header("Cache-Control", "no-store");
        return c.redirect(flow.returnTo, 302);
      })
      /**
       * RP-initiated logout. POST (state change; the perimeter's same-origin + custom-header CSRF rule applies): ends
       * the local session, then answers where the SPA must navigate — the provider's end_session endpoint with
       * `id_token_hint` and `post_logout_redirect_uri` for an OIDC session, `/` otherwise. Idempotent.
       * The hint is the only token the browser ever sees, and only once its session is already ended server-side;
       * the BFF accepts no ID token as a credential.
       */
      .openapi(oidcDefs.logout, async (c) => {
        if (!oidc) throw new HttpError(404, fail.notConfigured.code, fail.notConfigured.message);
        const { sessions } = oidc;
        const sid = c.get("sid") ?? readSessionCookie(c.req.header("cookie"));
        const ended = sid ? await sessions.logout(sid) : null;
        c.header("Set-Cookie", sessions.cookie.clear());
        c.header("Cache-Control", "no-store");
        let body: OidcLogoutResponse = { redirectTo: "/", endSession: false };
        if (ended) {
          audit(c, { type: "logout", user: ended.user.username, userId: ended.user.id });
          if (ended.method === "oidc" && ended.oidcIdToken) {
            const url = await oidc.endSessionUrl(ended.oidcIdToken, originOf(c));
            if (url) body = { redirectTo: url, endSession: true };
          }
        }
        return c.json(body, 200);
      })
  );
};
