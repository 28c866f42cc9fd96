/** A WAL position as PostgreSQL prints it (`16/B374D848`: high and low 32 bits in hex) → one comparable number. */
export function parseLsn(text: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text.trim());
  if (!m) throw new Error(`not a WAL position: ${JSON.stringify(text)}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

/**
 * The primary's WAL position as the probe saw it over time: one entry per position change, with the time it was
 * first seen, newest last (at most `cap`). It dates how far behind a replica is without trusting
 * `pg_last_xact_replay_timestamp()` alone, which goes stale when the primary is idle: a replica that has replayed
 * everything is not behind however old its last transaction is.
 */
export class PrimaryWalHistory {
  private readonly samples: { lsn: bigint; at: number }[] = [];

  constructor(private readonly cap = 64) {}

  record(lsn: bigint, at: number): void {
    const last = this.samples.at(-1);
    if (last && lsn <= last.lsn) return;
    this.samples.push({ lsn, at });
    if (this.samples.length > this.cap) this.samples.shift();
  }

  /**
   * How long the replica, having replayed up to `replayed`, has been missing data: 0 when it has everything the
   * primary had at the last sample; else the time since the primary first passed `replayed`. When the replica is
   * behind even the oldest sample kept, the samples cannot date it and the replica's own age of its last replayed
   * transaction is used (`replayAgeMs`, an upper bound). Null: no sample of the primary yet (lag unknown).
   */
  lagMs(replayed: bigint, replayAgeMs: number | null, now: number): number | null {
    const latest = this.samples.at(-1);
    if (!latest) return null;
    if (replayed >= latest.lsn) return 0;
    const firstAhead = this.samples.findIndex((s) => s.lsn > replayed);
    const since = this.samples[firstAhead]!.at;
    if (firstAhead === 0 && replayAgeMs !== null) return Math.max(replayAgeMs, now - since);
    return Math.max(0, now - since);
  }
}
