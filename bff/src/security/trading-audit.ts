import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { HttpError } from "../lib/http-error.ts";
import type { AuditEvent, AuditSink } from "../session/audit-sink.ts";
import { requestMeta } from "../session/middleware.ts";

/**
 * Audits one trading action (order submit/cancel, kill switch, limits): `<action>.success` on success, and on a
 * refusal `<action>.denied` (403: ownership, risk) or `<action>.failure` (anything else) with the error code.
 * Extra fields land under the audit line's `details` (`asset` and `orderId` get their own columns in the PostgreSQL
 * trail); `fromResult` adds what only the answer knows (the new order's id). A stated `reason` (the kill switch's)
 * stays the line's reason on a refusal too; the error's message then goes under `error`.
 */
export async function audited<T>(
  audit: AuditSink,
  c: Context<AppEnv>,
  action: string,
  details: Record<string, unknown>,
  run: () => Promise<T>,
  fromResult?: (result: T) => Record<string, unknown>,
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
    audit.record({ ...base, ...fromResult?.(result), type: `${action}.success` } as AuditEvent);
    return result;
  } catch (err) {
    const code = err instanceof HttpError ? err.code : "INTERNAL";
    const denied = err instanceof HttpError && err.status === 403;
    const message = err instanceof Error ? err.message : String(err);
    const stated = typeof details.reason === "string";
    // A stated reason (the kill switch's) stays the line's reason; the refusal's message goes under `error`.
    const why: Pick<AuditEvent, "reason"> & { error?: string } = stated
      ? { error: message }
      : { reason: message };
    audit.record({
      ...base,
      ...why,
      type: `${action}.${denied ? "denied" : "failure"}`,
      errorCode: code,
    } as AuditEvent);
    throw err;
  }
}
