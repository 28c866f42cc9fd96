import type { Kysely } from "kysely";
import type { Disposable } from "../lib/teardown-stack.ts";
import type { Connection } from "./connect.ts";
import {
  DataStoreReadOnlyError,
  DataStoreUnavailableError,
  isSchemaBehind,
  isUnavailable,
} from "./errors.ts";
import type { DatabaseBackend, DatabaseMonitor, DatabaseStatus } from "./monitor.ts";

/**
 * The BFF's one database (workspaces, audit, users): the primary for writes, a read replica for reads that may be a
 * little stale. Every area takes this handle; none opens its own pool (PGlite allows one instance per directory).
 * Each area names its own tables: `database.write<AuditTables, …>((db) => …)`.
 */
export interface Database extends Disposable {
  readonly backend: DatabaseBackend;
  /** The primary, migrated to the latest schema (opened and migrated on the first call when lazy). */
  primary<DB>(): Promise<Kysely<DB>>;
  /** Where reads go now: the replica when healthy and close enough to the primary, else the primary. */
  reader<DB>(): Promise<Kysely<DB>>;
  /**
   * Runs a write on the primary. Primary known down, or the write fails because it is unreachable or read-only →
   * DataStoreReadOnlyError (503 DATA_STORE_READ_ONLY); any other failure propagates as it is.
   */
  write<DB, T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  /**
   * Runs a read where reads go now; if that server turns out unreachable, once more on the other one (replica →
   * primary, or primary → replica while the replica is up), so one dead server costs no failed request. Neither
   * answering → DataStoreUnavailableError (503 UPSTREAM_UNAVAILABLE).
   */
  read<DB, T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  /** The last probe results (health checks, metrics, the ops panel). */
  status(): DatabaseStatus;
  /** Called whenever up/writable/serving changes. */
  onChange(listener: (status: DatabaseStatus) => void): () => void;
  /** Starts the background probes (the server's start section). */
  start(): void;
  /** Stops the probes and closes every connection; a handle never opened opens nothing. */
  close(): Promise<void>;
}

interface Opened {
  primary: Connection;
  replica: Connection | null;
}

// Each area describes its own tables over the one untyped connection; the cast is the whole of that view.
const typed = <DB>(db: Kysely<unknown>) => db as unknown as Kysely<DB>;

/** The handle over connections opened by `open` and migrated by `migrate` (see compose.ts for when). */
export class SharedDatabase implements Database {
  private opened: Promise<Opened> | undefined;
  private migrated: Promise<void> | undefined;
  private closed = false;

  constructor(
    readonly backend: DatabaseBackend,
    private readonly monitor: DatabaseMonitor,
    private readonly open: () => Promise<Opened>,
    private readonly migrate: (db: Kysely<unknown>) => Promise<void>,
  ) {}

  /** Opens the connections (no query yet for PostgreSQL); a failed open is tried again on the next call. */
  private connections(): Promise<Opened> {
    if (this.closed) return Promise.reject(new Error("database handle is closed"));
    this.opened ??= this.open().catch((err: unknown) => {
      this.opened = undefined;
      throw err;
    });
    return this.opened;
  }

  /**
   * Runs the migrations once per handle; a failed run (primary down) is tried again on the next call. Reads stay on the
   * primary until the replica has replayed them (monitor.fenceReplica).
   */
  private ensureMigrated(): Promise<void> {
    this.migrated ??= this.connections()
      .then((c) => this.migrate(c.primary.db))
      .then(() => this.monitor.fenceReplica())
      .catch((err: unknown) => {
        this.migrated = undefined;
        throw err;
      });
    return this.migrated;
  }

  async primary<DB>(): Promise<Kysely<DB>> {
    await this.ensureMigrated();
    return typed<DB>((await this.connections()).primary.db);
  }

  async reader<DB>(): Promise<Kysely<DB>> {
    const { replica } = await this.connections();
    if (replica && (await this.replicaReady())) return typed<DB>(replica.db);
    return this.primary<DB>();
  }

  /**
   * True when reads may go to the replica now. Before the first migration ran (a lazy handle's first use) the schema
   * may not exist yet anywhere, so the primary is migrated first — unless it is known down, when the replica (with
   * whatever schema it has) is all there is.
   */
  private async replicaReady(): Promise<boolean> {
    if (!this.monitor.replicaServes()) return false;
    if (this.monitor.primaryWritable()) await this.ensureMigrated();
    return this.monitor.replicaServes();
  }

  async write<DB, T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    if (!this.monitor.primaryWritable()) {
      const { primary } = this.monitor.status();
      throw new DataStoreReadOnlyError(primary.up === false ? "primary unreachable" : "primary is read-only");
    }
    try {
      return await fn(await this.primary<DB>());
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      this.monitor.markDown("primary", err);
      throw new DataStoreReadOnlyError("primary unreachable", err);
    }
  }

  async read<DB, T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    const { replica } = await this.connections();
    const onReplica =
      replica !== null && (await this.replicaReady().catch(() => this.monitor.replicaServes()));
    try {
      return await fn(onReplica ? typed<DB>(replica.db) : await this.primary<DB>());
    } catch (err) {
      // A table or column the replica lacks: a migration it has not replayed yet; the primary has it.
      if (onReplica && isSchemaBehind(err)) return fn(await this.primary<DB>());
      if (!isUnavailable(err)) throw err;
      this.monitor.markDown(onReplica ? "replica" : "primary", err);
      // The other server, if there is one that may answer: the primary after a dead replica, the replica after a dead
      // primary (replicaServes() is now true when the replica is up).
      try {
        if (onReplica) return await fn(await this.primary<DB>());
        if (replica && this.monitor.replicaServes()) return await fn(typed<DB>(replica.db));
      } catch (again) {
        if (!isUnavailable(again)) throw again;
        this.monitor.markDown(onReplica ? "primary" : "replica", again);
        throw new DataStoreUnavailableError(again);
      }
      throw new DataStoreUnavailableError(err);
    }
  }

  status(): DatabaseStatus {
    return this.monitor.status();
  }

  onChange(listener: (status: DatabaseStatus) => void): () => void {
    return this.monitor.onChange(listener);
  }

  start(): void {
    if (!this.closed) this.monitor.start();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.monitor.stop();
    const opened = this.opened;
    this.opened = undefined;
    const c = await opened?.catch(() => null);
    if (!c) return;
    await Promise.all([c.primary.close(), c.replica?.close()]);
  }

  dispose(): Promise<void> {
    return this.close();
  }
}
