import type { AuditLine } from "./row.ts";

/** Why a row never reached the chain. */
export type LossReason = "queue_full" | "spool_full" | "spool_error" | "refused";

const reasons: readonly LossReason[] = ["queue_full", "spool_full", "spool_error", "refused"];

/**
 * Counts dropped audit rows: running totals per reason (metrics) and the losses since the last marker, which the
 * writer stores as one `audit.rows_lost` row so the gap is visible in the trail itself, not only in the logs.
 */
export class LossTally {
  private readonly total = Object.fromEntries(reasons.map((r) => [r, 0])) as Record<LossReason, number>;
  private open: { counts: Partial<Record<LossReason, number>>; since: Date; until: Date } | null = null;

  /** Adds `n` losses; true for the first loss of an episode (log it; the rest are only counted). */
  add(reason: LossReason, n: number, at: Date): boolean {
    this.total[reason] += n;
    const first = this.open === null;
    this.open ??= { counts: {}, since: at, until: at };
    this.open.counts[reason] = (this.open.counts[reason] ?? 0) + n;
    this.open.until = at;
    return first;
  }

  totals(): Record<LossReason, number> {
    return { ...this.total };
  }

  /** The `audit.rows_lost` line for the losses since the last call, or null when there were none. */
  takeMarker(): AuditLine | null {
    const o = this.open;
    if (!o) return null;
    this.open = null;
    const count = Object.values(o.counts).reduce((a, b) => a + b, 0);
    return {
      event: "audit.rows_lost",
      outcome: "failure",
      reason: `${count} audit rows were not stored`,
      details: { count, byReason: o.counts, since: o.since.toISOString(), until: o.until.toISOString() },
    };
  }
}
