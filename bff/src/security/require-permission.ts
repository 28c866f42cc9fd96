import type { MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { permissionsOf } from "@pregao/contracts";
import type { AppEnv } from "../app-env.ts";
import { HttpError } from "../lib/http-error.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import { requestMeta } from "../session/middleware.ts";
import { allows, httpRule } from "./access-table.ts";

/**
 * Enforces the access table on every request, after the session middleware. The rule is the one of the handler
 * the router matched (the first non-middleware route); no handler → the request falls through to 404. A handler
 * with no rule is refused: new routes are closed until someone writes down who may call them.
 */
export function requirePermission(audit: AuditSink): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const handler = matchedRoutes(c).find((r) => r.method !== "ALL");
    if (!handler) return next();
    const rule = httpRule(handler.method, handler.path);
    const deny = (reason: string, permission?: string) => {
      const meta = requestMeta(c);
      const session = c.get("session");
      audit.record({
        type: "access.denied",
        requestId: meta.requestId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        method: c.req.method,
        path: c.req.path,
        reason,
        ...(permission ? { permission } : {}),
        ...(session ? { user: session.user.username, userId: session.user.id } : {}),
      });
      return new HttpError(403, "FORBIDDEN", "not allowed");
    };
    if (!rule) throw deny("route missing from the access table");
    if (rule.access === "public") return next();
    const session = c.get("session");
    if (!session) {
      const code = c.get("authFailure") ?? "UNAUTHENTICATED";
      throw new HttpError(
        401,
        code,
        code === "SESSION_EXPIRED" ? "session expired; log in again" : "log in first",
      );
    }
    if (!allows(rule.access, permissionsOf(session.user.roles))) throw deny("role", rule.access);
    return next();
  };
}
