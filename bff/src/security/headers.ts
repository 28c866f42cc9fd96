import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** Splits `CSP_CONNECT_EXTRA` ("https://o1.ingest.sentry.io, https://x") into CSP sources; rejects anything odd. */
export function parseConnectExtra(raw: string): string[] {
  const sources = raw.split(/[\s,]+/).filter(Boolean);
  for (const s of sources)
    if (!/^(https|wss):\/\/[a-z0-9.-]+(:\d+)?$/i.test(s))
      throw new Error(`CSP_CONNECT_EXTRA: "${s}" is not an https:// or wss:// origin`);
  return sources;
}

/**
 * The `connect-src` source the browser needs to send errors to the SPA's Sentry (`WEB_SENTRY_DSN`): the DSN's origin
 * (scheme, host, port — never its key or path). No DSN → nothing. A DSN that is not an http(s) URL → an error.
 */
export function sentryConnectSources(dsn: string | undefined): string[] {
  if (!dsn) return [];
  let url: URL;
  try {
    url = new URL(dsn);
  } catch {
    throw new Error("WEB_SENTRY_DSN is not a URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("WEB_SENTRY_DSN is not http(s)");
  return [url.origin];
}

/**
 * The one Content-Security-Policy of the SPA and the API. No inline script or style anywhere: the Vite build emits
 * only external `<script type="module" src>` and `<link rel="stylesheet">`. `connect-src 'self'` covers the
 * same-origin socket.io websocket (CSP3 lets 'self' match ws:/wss: on the same host and port).
 */
export function contentSecurityPolicy(connectExtra: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connectExtra].join(" "),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Secure headers on every response (SPA, API, health, errors): CSP, nosniff, no referrer, COOP, DENY framing; HSTS
 * only when this request itself arrived over TLS (a plain-http HSTS header is ignored by browsers and misleading).
 */
export function securityHeaders(
  opts: { connectExtra?: readonly string[]; sentryDsn?: string } = {},
): MiddlewareHandler {
  const csp = contentSecurityPolicy([...(opts.connectExtra ?? []), ...sentryConnectSources(opts.sentryDsn)]);
  const base = secureHeaders({
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    crossOriginOpenerPolicy: "same-origin",
    crossOriginResourcePolicy: "same-origin",
    xContentTypeOptions: "nosniff",
    strictTransportSecurity: false,
    xXssProtection: "0",
  });
  return async (c, next) => {
    await base(c, next);
    c.res.headers.set("Content-Security-Policy", csp);
    if (new URL(c.req.url).protocol === "https:") c.res.headers.set("Strict-Transport-Security", HSTS);
  };
}
