import { randomBytes } from "node:crypto";
import { Hono, type Context } from "hono";
import type { ErrorCode, ErrorEnvelope } from "@pregao/contracts";
import type { AppEnv } from "../../app-env.ts";
import type { Logger } from "../../lib/logger.ts";
import { clientIp } from "../../security/client-ip.ts";
import type { AuditEvent, AuditSink } from "../audit-sink.ts";
import { readSessionCookie } from "../cookie.ts";
import type { SessionService } from "../session-service.ts";
import type { SessionMeta } from "../types.ts";
import { userFromClaims } from "./claims.ts";
import { OidcClient, OidcRejectedError, OidcUnavailableError } from "./client.ts";
import type { OidcSettings } from "./config.ts";
import { MemoryFlowStore, type PendingFlowStore } from "./flow-store.ts";
import { safeReturnTo } from "./return-to.ts";

/** Mount point of the OIDC routes (app.ts). */
export const OIDC_BASE = "/api/v1/auth/oidc";
/** Holds only the random key of the pending flow; verifier, state, nonce and returnTo stay server-side. */
export const OIDC_FLOW_COOKIE = "__Host-pregao_oidc";
/** How long a started login may take at the provider. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;

/**
 * `SameSite=Lax`, unlike the Strict session cookie: the callback is a top-level cross-site navigation from the provider,
 * and a Strict cookie would not be sent with it. Lax cookies are sent on top-level GET navigations only, which is what
 * the callback is; the cookie carries no authority by itself (it names a single-use pending flow).
 */
function flowCookie(id: string, maxAgeSec: number): string {
  return `${OIDC_FLOW_COOKIE}=${id}; Path=/; Max-Age=${maxAgeSec}; HttpOnly; Secure; SameSite=Lax`;
}

function readFlowCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === OIDC_FLOW_COOKIE) {
      const value = part.slice(eq + 1).trim();
      if (/^[A-Za-z0-9_-]{43}$/.test(value)) return value;
    }
  }
  return undefined;
}

/** What the routes need from the session core (the real SessionService satisfies it). */
export type OidcSessions = Pick<
  SessionService,
  "login" | "resolve" | "logout" | "cookie" | "cookieMaxAgeSec"
>;

export interface OidcDeps {
  settings: OidcSettings;
  sessions: OidcSessions;
  audit: AuditSink;
  logger: Logger;
  /**
   * The origin browsers use (`https://pregao.example`), for the default redirect and post-logout URIs. Unset → the
   * origin of the incoming request (fine on loopback and when the BFF is reached directly; set OIDC_REDIRECT_URI
   * behind a proxy).
   */
  publicOrigin?: string;
  /** Pending-flow storage; in-process by default (one BFF instance). */
  flows?: PendingFlowStore;
  /** Injected in tests; built from `settings` otherwise. */
  client?: OidcClient;
}

/** `POST /api/v1/auth/oidc/logout` response: where the SPA navigates next. */
export interface OidcLogoutResponse {
  /** The provider's end_session URL (RP-initiated logout) for an OIDC session, else a same-origin path. */
  redirectTo: string;
  /** True when `redirectTo` is the provider's logout. */
  endSession: boolean;
}

/** `GET /api/v1/auth/providers` response. */
export interface AuthProvidersResponse {
  password: boolean;
  oidc: { enabled: boolean; loginUrl?: string };
}

type Failure = { status: 400 | 401 | 403 | 503; code: ErrorCode; message: string };

const fail = {
  noFlow: {
    status: 401,
    code: "UNAUTHENTICATED",
    message: "no OIDC login in progress (expired or already used)",
  },
  rejected: { status: 401, code: "UNAUTHENTICATED", message: "OIDC login failed" },
  noRole: {
    status: 403,
    code: "FORBIDDEN",
    message: "no Pregão role: ask for access to a trader, risk or viewer role",
  },
  unavailable: { status: 503, code: "UPSTREAM_UNAVAILABLE", message: "identity provider unavailable" },
} satisfies Record<string, Failure>;

/**
 * The callback is a browser navigation, so a failure is a small HTML page (no script, CSP-safe) with a way back;
 * API clients asking for JSON get the error envelope.
 */
function respondFailure(c: Context<AppEnv>, f: Failure) {
  c.header("Cache-Control", "no-store");
  const accept = c.req.header("accept") ?? "";
  if (accept.includes("text/html")) {
    const title =
      f.status === 403 ? "Access denied" : f.status === 503 ? "Sign-in unavailable" : "Sign-in failed";
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} — Pregão</title></head>` +
        `<body><h1>${title}</h1><p>${f.message.replace(/[<>&]/g, "")}.</p><p><a href="/">Back to Pregão</a></p></body></html>`,
      f.status,
    );
  }
  const body: ErrorEnvelope = { error: { code: f.code, message: f.message, requestId: c.get("requestId") } };
  return c.json(body, f.status);
}

function metaOf(c: Context<AppEnv>): SessionMeta {
  return {
    ip: clientIp(c),
    userAgent: (c.req.header("user-agent") ?? "").slice(0, 256),
    requestId: c.get("requestId"),
  };
}

/** The OIDC service: its routes plus what other parts (the session logout, the providers route) ask of it. */
export interface Oidc {
  routes: ReturnType<typeof buildRoutes>;
  client: OidcClient;
  /** The provider's logout URL for an OIDC session's ID token, or undefined (no end_session_endpoint / unreachable). */
  endSessionUrl(idTokenHint: string, origin: string): Promise<string | undefined>;
}

export function createOidc(deps: OidcDeps): Oidc {
  const client =
    deps.client ??
    new OidcClient({
      issuer: deps.settings.issuer,
      clientId: deps.settings.clientId,
      scopes: deps.settings.scopes,
      ...(deps.settings.clientSecret ? { clientSecret: deps.settings.clientSecret } : {}),
    });
  const flows = deps.flows ?? new MemoryFlowStore();
  const endSessionUrl = async (idTokenHint: string, origin: string) => {
    const postLogout = deps.settings.postLogoutRedirectUri ?? `${deps.publicOrigin ?? origin}/`;
    try {
      return (await client.endSessionUrl(idTokenHint, postLogout))?.href;
    } catch (err) {
      deps.logger.warn({ err: String(err) }, "oidc: no end_session URL; local logout only");
      return undefined;
    }
  };
  return { routes: buildRoutes(deps, client, flows, endSessionUrl), client, endSessionUrl };
}

function buildRoutes(
  deps: OidcDeps,
  client: OidcClient,
  flows: PendingFlowStore,
  endSessionUrl: Oidc["endSessionUrl"],
) {
  const { sessions, settings, logger } = deps;
  const originOf = (c: Context<AppEnv>) => deps.publicOrigin ?? new URL(c.req.url).origin;
  const audit = (c: Context<AppEnv>, e: Omit<AuditEvent, "method" | "requestId" | "ip" | "userAgent">) => {
    const meta = metaOf(c);
    deps.audit.record({
      ...e,
      method: "oidc",
      requestId: meta.requestId,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  };

  return (
    new Hono<AppEnv>()
      /**
       * Starts the authorization-code + PKCE flow. GET because it is a plain navigation (a link on the login page);
       * it changes no session state, only parks a single-use pending flow.
       */
      .get("/login", async (c) => {
        const returnTo = safeReturnTo(c.req.query("returnTo"));
        const redirectUri = settings.redirectUri ?? `${originOf(c)}${OIDC_BASE}/callback`;
        let started: Awaited<ReturnType<OidcClient["startLogin"]>>;
        try {
          started = await client.startLogin(redirectUri, returnTo);
        } catch (err) {
          logger.warn({ err: String(err) }, "oidc: discovery failed");
          return respondFailure(c, fail.unavailable);
        }
        const id = randomBytes(32).toString("base64url");
        await flows.put(id, started.flow, OIDC_FLOW_TTL_MS);
        c.header("Set-Cookie", flowCookie(id, OIDC_FLOW_TTL_MS / 1000));
        c.header("Cache-Control", "no-store");
        return c.redirect(started.url.href, 302);
      })
      /**
       * The provider's redirect back. A GET that creates a session (OAuth fixes the method); login CSRF is stopped by
       * the pending flow: it must exist for the browser's own `__Host-pregao_oidc` cookie, is single-use, and its
       * state, nonce and PKCE verifier must all match.
       */
      .get("/callback", async (c) => {
        c.header("Set-Cookie", flowCookie("", 0), { append: true });
        const flowId = readFlowCookie(c.req.header("cookie"));
        const flow = flowId ? await flows.take(flowId) : undefined;
        if (!flow) {
          audit(c, { type: "login.failure", reason: "NO_PENDING_FLOW" });
          return respondFailure(c, fail.noFlow);
        }
        let result: Awaited<ReturnType<OidcClient["finishLogin"]>>;
        try {
          result = await client.finishLogin(new URL(c.req.url).search, flow);
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
      .post("/logout", async (c) => {
        const sid = c.get("sid") ?? readSessionCookie(c.req.header("cookie"));
        const ended = sid ? await sessions.logout(sid) : null;
        c.header("Set-Cookie", sessions.cookie.clear());
        c.header("Cache-Control", "no-store");
        let body: OidcLogoutResponse = { redirectTo: "/", endSession: false };
        if (ended) {
          audit(c, { type: "logout", user: ended.user.username, userId: ended.user.id });
          if (ended.method === "oidc" && ended.oidcIdToken) {
            const url = await endSessionUrl(ended.oidcIdToken, originOf(c));
            if (url) body = { redirectTo: url, endSession: true };
          }
        }
        return c.json(body);
      })
  );
}

/** `GET /api/v1/auth/providers` (public): which login methods the login page offers. */
export function providersRoute(opts: { password: boolean; oidc: boolean }) {
  return new Hono<AppEnv>().get("/", (c) => {
    const body: AuthProvidersResponse = {
      password: opts.password,
      oidc: opts.oidc ? { enabled: true, loginUrl: `${OIDC_BASE}/login` } : { enabled: false },
    };
    return c.json(body);
  });
}
