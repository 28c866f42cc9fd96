import { randomUUID } from "node:crypto";
import type { AuditOutcome } from "@pregao/contracts";
import type { PendingAuditRow } from "./schema.ts";

/** An audit line as security/audit.ts builds it (toAuditRecord, or an aggregate line). */
export type AuditLine = Record<string, unknown>;

const outcomes = new Set<AuditOutcome>(["success", "failure", "denied", "info"]);
/** Fields of the line that have their own column (or are folded into one); the rest go to `details`. */
const columns = new Set(["event", "outcome", "user", "ip", "requestId", "reason", "details"]);

/** PostgreSQL text and jsonb refuse NUL; a client-supplied string must not make a row unstorable. */
const stripNul = (s: string) => (s.includes("\u0000") ? s.replaceAll("\u0000", "\uFFFD") : s);

function text(v: unknown): string | null {
  return typeof v === "string" && v.length > 0 ? stripNul(v) : null;
}

/** The JSON value exactly as jsonb will give it back (no undefined, no NUL, no non-finite numbers). */
function jsonValue(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" ? stripNul(v) : v)));
}

function userOf(v: unknown): string | null {
  if (typeof v === "string") return text(v);
  if (typeof v !== "object" || v === null) return null;
  const u = v as { username?: unknown; id?: unknown };
  return text(u.username) ?? text(u.id);
}

/**
 * Maps an audit line to a row for the chain: `user` is the username (else the user id), `asset` and `orderId` come
 * out of the line's details (the trading routes put them there), everything else stays in `details`.
 */
export function toPendingRow(
  line: AuditLine,
  at: Date = new Date(),
  id: string = randomUUID(),
): PendingAuditRow {
  const inner = (typeof line.details === "object" && line.details !== null ? line.details : {}) as Record<
    string,
    unknown
  >;
  const { asset, orderId, ...innerRest } = inner;
  const userObj = line.user as { id?: unknown } | undefined;
  const extra: Record<string, unknown> = {
    ...Object.fromEntries(Object.entries(line).filter(([k]) => !columns.has(k))),
    ...(typeof userObj === "object" && userObj !== null && typeof userObj.id === "string"
      ? { userId: userObj.id }
      : {}),
    ...innerRest,
  };
  const details = jsonValue(extra) as Record<string, unknown>;
  const outcome = outcomes.has(line.outcome as AuditOutcome) ? (line.outcome as AuditOutcome) : "info";
  return {
    id,
    at: at.toISOString(),
    event: text(line.event) ?? "unknown",
    outcome,
    user: userOf(line.user),
    ip: text(line.ip),
    requestId: text(line.requestId),
    asset: text(asset),
    orderId: text(orderId),
    reason: text(line.reason),
    details: Object.keys(details).length > 0 ? details : null,
  };
}
