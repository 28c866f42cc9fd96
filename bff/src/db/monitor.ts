import type { Logger } from "../lib/logger.ts";
import { PrimaryWalHistory } from "./lag.ts";
import { probePrimary, probeReplica, type PrimaryProbe, type ReplicaProbe } from "./probe.ts";

export type DatabaseBackend = "postgres" | "pglite";

/** The primary as last seen. `up` null: not probed yet. `writable` false: reachable but a standby (refuses writes). */
export interface PrimaryStatus {
  up: boolean | null;
  writable: boolean | null;
  error: string | null;
  checkedAt: number | null;
}

/** The read replica as last seen; `serving` says whether reads go to it now. */
export interface ReplicaStatus {
  up: boolean | null;
  /** Replication lag; null while unknown (primary unreachable, or the replica is not a standby). */
  lagMs: number | null;
  maxLagMs: number;
  serving: boolean;
  error: string | null;
  checkedAt: number | null;
}

export interface DatabaseStatus {
  backend: DatabaseBackend;
  primary: PrimaryStatus;
  /** Null when DATABASE_READ_URL is unset. */
  replica: ReplicaStatus | null;
}

export interface MonitorProbes {
  primary(url: string, timeoutMs: number): Promise<PrimaryProbe>;
  replica(url: string, timeoutMs: number): Promise<ReplicaProbe>;
}

export interface MonitorOptions {
  backend: DatabaseBackend;
  /** Null for PGlite: in this process, up while open, never probed. */
  primaryUrl: string | null;
  replicaUrl: string | null;
  intervalMs: number;
  timeoutMs: number;
  maxLagMs: number;
  logger: Logger;
  now?: () => number;
  /** Test seam; the real probes by default. */
  probes?: MonitorProbes;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Probes the primary and the replica in the background (never per request) and decides where reads go: the replica
 * while it is a standby within `maxLagMs` of the primary, or whenever the primary is down (stale reads beat none);
 * else the primary. Requests that hit a dead server report it (`markDown`) so routing changes before the next probe.
 */
export class DatabaseMonitor {
  private readonly history = new PrimaryWalHistory();
  private readonly now: () => number;
  private readonly probes: MonitorProbes;
  private primary: PrimaryStatus;
  private replica: (ReplicaStatus & { inRecovery: boolean }) | null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly listeners = new Set<(status: DatabaseStatus) => void>();
  /** Set by fence(): the replica serves no reads until it has replayed the primary's position as of then. */
  private fence: { since: number; lsn: bigint | null } | null = null;

  constructor(private readonly opts: MonitorOptions) {
    this.now = opts.now ?? Date.now;
    this.probes = opts.probes ?? { primary: probePrimary, replica: probeReplica };
    this.primary =
      opts.primaryUrl === null
        ? { up: true, writable: true, error: null, checkedAt: null }
        : { up: null, writable: null, error: null, checkedAt: null };
    this.replica =
      opts.replicaUrl === null
        ? null
        : {
            up: null,
            lagMs: null,
            maxLagMs: opts.maxLagMs,
            serving: false,
            error: null,
            checkedAt: null,
            inRecovery: false,
          };
  }

  /** Probes now, then every `intervalMs` (the timer does not hold the process open). */
  start(): void {
    if (this.timer || (this.opts.primaryUrl === null && this.opts.replicaUrl === null)) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One probe round (both servers); a round still running is joined, not doubled. */
  tick(): Promise<void> {
    this.running ??= this.round().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  status(): DatabaseStatus {
    const r = this.replica;
    const replica: ReplicaStatus | null = r
      ? {
          up: r.up,
          lagMs: r.lagMs,
          maxLagMs: r.maxLagMs,
          serving: this.replicaServes(),
          error: r.error,
          checkedAt: r.checkedAt,
        }
      : null;
    return { backend: this.opts.backend, primary: { ...this.primary }, replica };
  }

  /** True when reads should go to the replica now. */
  replicaServes(): boolean {
    const r = this.replica;
    if (!r || r.up !== true || !r.inRecovery) return false;
    if (this.primary.up === false || this.primary.writable === false) return true;
    if (this.fence) return false;
    return r.lagMs !== null && r.lagMs <= r.maxLagMs;
  }

  /**
   * Keeps reads on the primary until the replica has replayed everything written so far (as of the next probe of the
   * primary). For schema changes: a migration just run is not on the replica yet, and a read of a table it lacks
   * would fail rather than be a little stale.
   */
  fenceReplica(): void {
    if (this.replica) this.fence = { since: this.now(), lsn: null };
  }

  /** False only when the primary is known unreachable or read-only (writes would fail). */
  primaryWritable(): boolean {
    return this.primary.up !== false && this.primary.writable !== false;
  }

  /** A request found `role` unreachable: route around it until a probe sees it again. */
  markDown(role: "primary" | "replica", err: unknown): void {
    if (role === "primary" && this.opts.primaryUrl !== null) {
      this.update({ ...this.primary, up: false, error: message(err), checkedAt: this.now() }, this.replica);
    } else if (role === "replica" && this.replica) {
      this.update(this.primary, { ...this.replica, up: false, error: message(err), checkedAt: this.now() });
    }
  }

  /** Called with the new status whenever up/writable/serving changes. */
  onChange(listener: (status: DatabaseStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async round(): Promise<void> {
    const { primaryUrl, replicaUrl, timeoutMs } = this.opts;
    let primary = this.primary;
    if (primaryUrl !== null) {
      try {
        const fenceSince = this.fence?.since;
        const p = await this.probes.primary(primaryUrl, timeoutMs);
        if (p.lsn !== null) this.history.record(p.lsn, this.now());
        // The first position sampled after the fence was raised covers what was written before it.
        if (this.fence && this.fence.lsn === null && this.fence.since === fenceSince && p.lsn !== null)
          this.fence = { ...this.fence, lsn: p.lsn };
        primary = { up: true, writable: p.writable, error: null, checkedAt: this.now() };
      } catch (err) {
        primary = { up: false, writable: null, error: message(err), checkedAt: this.now() };
      }
    }
    let replica = this.replica;
    if (replica && replicaUrl !== null) {
      try {
        const r = await this.probes.replica(replicaUrl, timeoutMs);
        if (this.fence?.lsn != null && r.replayLsn !== null && r.replayLsn >= this.fence.lsn)
          this.fence = null;
        const lagMs =
          r.inRecovery && r.replayLsn !== null && primary.up === true && primary.writable === true
            ? this.history.lagMs(r.replayLsn, r.replayAgeMs, this.now())
            : null;
        replica = {
          ...replica,
          up: true,
          inRecovery: r.inRecovery,
          lagMs,
          error: r.inRecovery ? null : "not a standby (pg_is_in_recovery() is false): serves no reads",
          checkedAt: this.now(),
        };
      } catch (err) {
        replica = { ...replica, up: false, lagMs: null, error: message(err), checkedAt: this.now() };
      }
    }
    this.update(primary, replica);
  }

  private update(primary: PrimaryStatus, replica: typeof this.replica): void {
    const before = {
      up: this.primary.up,
      writable: this.primary.writable,
      r: this.replica?.up,
      s: this.replicaServes(),
    };
    this.primary = primary;
    this.replica = replica;
    const serving = this.replicaServes();
    const changed =
      before.up !== primary.up ||
      before.writable !== primary.writable ||
      before.r !== replica?.up ||
      before.s !== serving;
    if (!changed) return;
    const status = this.status();
    const log = primary.up === false || replica?.up === false ? this.opts.logger.warn : this.opts.logger.info;
    log.call(
      this.opts.logger,
      {
        primary: { up: primary.up, writable: primary.writable, error: primary.error },
        replica: status.replica && {
          up: status.replica.up,
          lagMs: status.replica.lagMs,
          serving,
          error: status.replica.error,
        },
      },
      "database status changed",
    );
    for (const listener of this.listeners) listener(status);
  }
}
