import type { Logger } from "../lib/logger.ts";
import { isTransientStoreError, type AppendResult } from "./chain-store.ts";
import { toPendingRow, type AuditLine } from "./row.ts";
import type { PendingAuditRow } from "./schema.ts";
import type { AuditSpool } from "./spool.ts";
import { LossTally, type LossReason } from "./loss-tally.ts";

export interface AuditWriterOptions {
  /** Rows per database transaction (and per spool fsync). */
  batchMax: number;
  /** Rows waiting in memory; past it a row is dropped and counted (the spool keeps up long before this). */
  queueMax: number;
  /** A write that takes longer is treated as failed (spooled); if it commits later, the replay skips its rows. */
  writeTimeoutMs: number;
  /** Replay retries back off from the first to the second, doubling. */
  retryMs: readonly [number, number];
}

export interface AuditWriterStats {
  mode: "direct" | "spooling";
  queueDepth: number;
  spoolBytes: number;
  written: number;
  spooled: number;
  replayed: number;
  /** Rows never stored: queue full, spool full or unwritable, or refused by the database (by reason). */
  dropped: Record<LossReason, number>;
  /** Unreadable spool lines skipped on replay. */
  badSpoolLines: number;
}

type Append = (rows: readonly PendingAuditRow[]) => Promise<AppendResult>;

class WriteTimeout extends Error {
  readonly code = "AUDIT_WRITE_TIMEOUT";
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WriteTimeout(`audit write took over ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The PostgreSQL audit trail's write path. `append` never blocks: it queues the row. One loop drains the queue in
 * batches into the chain (chain-store.ts). When a write fails for a reason that can pass (database down, timeout), the
 * batch and everything after it go to the durable spool, in order, and the loop retries with backoff; the spool is
 * replayed oldest first, with newer rows spooled behind it, and only once it is empty do rows go straight to the
 * database again. So the chain holds the rows in the order they were recorded, each once (ids make replays idempotent).
 */
export class AuditWriter {
  private queue: PendingAuditRow[] = [];
  private mode: "direct" | "spooling" = "direct";
  private loop: Promise<void> | null = null;
  private retryDue = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private backoff: number;
  private closed = false;
  private readonly losses = new LossTally();
  private counts = { written: 0, spooled: 0, replayed: 0, badSpoolLines: 0 };

  constructor(
    private readonly store: Append,
    private readonly spool: AuditSpool,
    private readonly opts: AuditWriterOptions,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.backoff = opts.retryMs[0];
  }

  /** Opens the spool; rows left in it by an earlier run are replayed before any new row. */
  async start(): Promise<void> {
    await this.spool.open();
    if (this.spool.tornBytes > 0)
      this.logger.warn(
        { bytes: this.spool.tornBytes, file: this.spool.file },
        "audit spool: torn last line cut",
      );
    if (!this.spool.empty) {
      this.logger.warn(
        { bytes: this.spool.pendingBytes },
        "audit spool holds rows from an earlier run; replaying",
      );
      this.mode = "spooling";
      this.retryDue = true;
      this.kick();
    }
  }

  /** Queues one audit line (security/audit.ts's record) for the chain. */
  append(line: AuditLine): void {
    const row = toPendingRow(line, this.now());
    if (this.closed || this.queue.length >= this.opts.queueMax) {
      this.lose("queue_full", 1);
      return;
    }
    this.queue.push(row);
    this.kick();
  }

  stats(): AuditWriterStats {
    return {
      mode: this.mode,
      queueDepth: this.queue.length,
      spoolBytes: this.spool.pendingBytes,
      ...this.counts,
      dropped: this.losses.totals(),
    };
  }

  /** Resolves when every queued row is stored or spooled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  /** Stores or spools what is queued (one attempt each), then closes the spool. Nothing queued is lost. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.idle();
    while (this.queue.length > 0) {
      if (this.mode === "direct") await this.writeDirect();
      else await this.toSpool(this.take());
    }
    await this.spool.close();
  }

  private hasWork(): boolean {
    return !this.closed && (this.queue.length > 0 || (this.mode === "spooling" && this.retryDue));
  }

  private kick(): void {
    if (this.loop || this.closed) return;
    this.loop = this.run()
      .catch((err: unknown) => this.logger.error({ err }, "audit writer loop failed"))
      .finally(() => {
        this.loop = null;
        if (this.hasWork()) this.kick();
      });
  }

  private async run(): Promise<void> {
    for (;;) {
      if (this.mode === "direct") {
        if (this.queue.length === 0) return;
        await this.writeDirect();
      } else if (this.queue.length > 0) {
        await this.toSpool(this.take()); // durability first: memory holds nothing while the database is away
      } else if (this.retryDue) {
        this.retryDue = false;
        await this.replay();
      } else return;
    }
  }

  private take(): PendingAuditRow[] {
    return this.queue.splice(0, this.opts.batchMax);
  }

  private async writeDirect(): Promise<void> {
    const batch = this.take();
    try {
      this.counts.written += await this.storeBatch(batch);
      this.noteLosses();
    } catch (err) {
      this.logger.warn({ err: String(err) }, "audit store unavailable: spooling audit rows");
      this.mode = "spooling";
      // Rows of this batch that did get stored (a refused batch retried row by row) are skipped on replay by id.
      await this.toSpool(batch);
      this.scheduleRetry();
    }
  }

  /**
   * Stores a batch; returns how many rows are new. A batch the database refuses as data is stored row by row, so one
   * bad row costs only itself (dropped, counted, logged). Throws when the database is away (the caller spools).
   */
  private async storeBatch(batch: readonly PendingAuditRow[]): Promise<number> {
    try {
      return (await withTimeout(this.store(batch), this.opts.writeTimeoutMs)).inserted;
    } catch (err) {
      if (isTransientStoreError(err)) throw err;
      this.logger.error(
        { err: String(err), rows: batch.length },
        "audit batch refused: storing rows one by one",
      );
    }
    let inserted = 0;
    for (const row of batch) {
      try {
        inserted += (await withTimeout(this.store([row]), this.opts.writeTimeoutMs)).inserted;
      } catch (err) {
        if (isTransientStoreError(err)) throw err;
        this.logger.error(
          { err: String(err), id: row.id, event: row.event },
          "audit row refused by the database",
        );
        this.lose("refused", 1);
      }
    }
    return inserted;
  }

  private async toSpool(rows: PendingAuditRow[]): Promise<void> {
    if (rows.length === 0) return;
    let written: number;
    try {
      written = await this.spool.append(rows);
    } catch (err) {
      this.logger.error({ err: String(err), file: this.spool.file }, "audit spool write failed");
      this.lose("spool_error", rows.length);
      return;
    }
    this.counts.spooled += written;
    if (written < rows.length) this.lose("spool_full", rows.length - written);
  }

  /** Replays the spool oldest first, one batch per transaction; the first failure waits for the next retry. */
  private async replay(): Promise<void> {
    try {
      while (!this.spool.empty) {
        const { rows, bad, next } = await this.spool.read(this.opts.batchMax);
        if (bad > 0) {
          this.counts.badSpoolLines += bad;
          this.logger.error({ lines: bad, file: this.spool.file }, "audit spool: unreadable lines skipped");
        }
        this.counts.replayed += await this.storeBatch(rows);
        this.spool.commit(next);
        // Rows recorded meanwhile go to the spool behind these before the next batch is replayed.
        if (this.queue.length > 0) await this.toSpool(this.take());
      }
      await this.spool.reset();
    } catch (err) {
      this.logger.warn(
        { err: String(err), pendingBytes: this.spool.pendingBytes },
        "audit spool replay paused",
      );
      this.scheduleRetry();
      return;
    }
    this.mode = "direct";
    this.backoff = this.opts.retryMs[0];
    this.logger.info({ replayed: this.counts.replayed }, "audit store back: spool replayed");
    this.noteLosses();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.opts.retryMs[1]);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryDue = true;
      this.kick();
    }, delay);
    this.retryTimer.unref();
  }

  private lose(reason: LossReason, n: number): void {
    if (this.losses.add(reason, n, this.now())) this.logger.error({ reason, rows: n }, "audit rows dropped");
  }

  /** Once rows flow again, the chain itself records how many were lost, when and why (`audit.rows_lost`). */
  private noteLosses(): void {
    const marker = this.losses.takeMarker();
    if (marker && !this.closed) {
      this.queue.unshift(toPendingRow(marker, this.now()));
      this.kick();
    }
  }
}
