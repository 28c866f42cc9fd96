/**
 * What the session core reports for the audit log. The perimeter's `security/audit.ts` implements the sink (pino JSON
 * lines with redaction); never put passwords, cookies, session ids or tokens in here.
 */
export interface AuditEvent {
  type: "login.success" | "login.failure" | "logout" | "session.expired" | "access.denied" | (string & {});
  requestId?: string;
  /** Username (or the attempted one for login.failure). */
  user?: string;
  userId?: string;
  ip?: string;
  userAgent?: string;
  method?: string;
  path?: string;
  /** A short, non-replayable reference to the session (first hex of its hash), for socket refusals and denials. */
  session?: string;
  /** Socket event name, for socket denials. */
  event?: string;
  permission?: string;
  reason?: string;
}

export interface AuditSink {
  record(event: AuditEvent): void;
}

export const noopAudit: AuditSink = { record: () => undefined };
