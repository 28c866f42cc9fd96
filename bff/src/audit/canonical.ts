import { createHash } from "node:crypto";
import type { PendingAuditRow } from "./schema.ts";

/**
 * Canonical JSON (RFC 8785's idea, for the values an audit row holds): object keys sorted by code unit, no
 * whitespace, `undefined` members dropped. The same row always gives the same text, whatever order its keys were
 * written in — jsonb reorders keys, so the hash cannot depend on the order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The fields a row's hash covers: everything it stores except the links themselves. */
export function hashedFields(row: PendingAuditRow, seq: number): Record<string, unknown> {
  return {
    seq,
    id: row.id,
    at: row.at,
    event: row.event,
    outcome: row.outcome,
    user: row.user,
    ip: row.ip,
    requestId: row.requestId,
    asset: row.asset,
    orderId: row.orderId,
    reason: row.reason,
    details: row.details,
  };
}

/** hash = sha256(prev_hash ‖ canonical JSON of the row's fields incl. seq and at), hex. */
export function chainHash(prevHash: string, row: PendingAuditRow, seq: number): string {
  return createHash("sha256")
    .update(prevHash)
    .update(canonicalJson(hashedFields(row, seq)))
    .digest("hex");
}
