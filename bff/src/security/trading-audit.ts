import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { HttpError } from "../lib/http-error.ts";
import type { AuditEvent, AuditSink } from "../session/audit-sink.ts";
import { requestMeta } from "../session/middleware.ts";

/**
 * Audits one trading action (order submit/cancel, kill switch, limits): `<action>.success` on success, and on a
 * refusal `<action>.denied` (403: ownership, risk) or `<action>.failure` (anything else) with the error code.
 * Extra fields land under the audit line's `details`.
 */
export async function audited<T>(
  audit: AuditSink,
  c: Context<AppEnv>,
  action: string,
  details: Record<string, unknown>,
  run: () => Promise<T>,
): Promise<T> {
  const session = c.get("session");
  const base = {
    ...requestMeta(c),
    method: c.req.method,
    path: c.req.path,
    ...(session ? { user: session.user.username, userId: session.user.id } : {}),
    ...details,
  };
  try {
    const result = await run();
    audit.record({ ...base, type: `${action}.success` } as AuditEvent);
    return result;
  } catch (err) {
    const code = err instanceof HttpError ? err.code : "INTERNAL";
    const denied = err instanceof HttpError && err.status === 403;
    const reason = err instanceof Error ? err.message : String(err);
    audit.record({
      ...base,
      type: `${action}.${denied ? "denied" : "failure"}`,
      reason,
      errorCode: code,
    } as AuditEvent);
    throw err;
  }
}
