import type { Context } from "hono";
import type { ErrorCode, ErrorEnvelope } from "@pregao/contracts";
import type { AppEnv } from "../../app-env.ts";

export type Failure = { status: 400 | 401 | 403 | 404 | 503; code: ErrorCode; message: string };

export const fail = {
  notConfigured: { status: 404, code: "NOT_FOUND", message: "OpenID Connect login is not configured" },
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
 * The login and callback are browser navigations, so a failure is a small HTML page (no script, CSP-safe) with a way
 * back; API clients asking for JSON get the error envelope.
 */
export function respondFailure(c: Context<AppEnv>, f: Failure): Response {
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
