import type { AuditOutcome } from "@pregao/contracts";

/** The audit tables as Kysely sees them (audit/migration.ts). `bigint` columns arrive as strings from pg. */
export interface AuditDatabase {
  audit_log: {
    seq: string | number;
    id: string;
    at: Date | string;
    event: string;
    outcome: AuditOutcome;
    user: string | null;
    ip: string | null;
    request_id: string | null;
    asset: string | null;
    order_id: string | null;
    reason: string | null;
    details: unknown;
    prev_hash: string;
    hash: string;
  };
  audit_chain: {
    id: number;
    seq: string | number;
    hash: string;
    anchor_seq: string | number;
    anchor_hash: string;
  };
}

/**
 * One audit row before it has a place in the chain: what the BFF recorded, with the client-generated `id` that makes
 * a replay idempotent. This is also the spool's line format (spool.ts).
 */
export interface PendingAuditRow {
  id: string;
  /** ISO 8601 with milliseconds, UTC (Date#toISOString): the hash covers exactly this text. */
  at: string;
  event: string;
  outcome: AuditOutcome;
  user: string | null;
  ip: string | null;
  requestId: string | null;
  asset: string | null;
  orderId: string | null;
  reason: string | null;
  details: Record<string, unknown> | null;
}

/** A stored row: its chain position and links. */
export interface ChainedAuditRow extends PendingAuditRow {
  seq: number;
  prevHash: string;
  hash: string;
}
