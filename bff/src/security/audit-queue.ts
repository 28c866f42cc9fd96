import { aggregateLine, type AuditRecord } from "./audit-aggregate.ts";

/** Where the queue hands records: `write` returns false when the destination wants a pause until `onDrain`. */
export interface AuditDestination {
  write(rec: AuditRecord): boolean;
  onDrain(resume: () => void): void;
}

/** Records written per event-loop turn, so a long queue never holds the loop for long. */
const BATCH = 256;
/** Distinct overflow keys (event types) kept while the queue is full. */
const MAX_OVERFLOW_KEYS = 64;

interface Overflow {
  first: AuditRecord;
  count: number;
  since: number;
  until: number;
}

/**
 * The audit log's bounded write queue. `push` never blocks: it appends, and a later turn of the event loop hands
 * records to the destination in batches, pausing while the destination is busy. Nothing accepted is lost: when the
 * queue is full a record is not dropped but counted into one aggregate line per event type, written once the queue
 * has drained; `flushSync` writes everything left (shutdown, tests).
 */
export class AuditQueue {
  private items: AuditRecord[] = [];
  private head = 0;
  private readonly overflow = new Map<string, Overflow>();
  private scheduled = false;
  private paused = false;
  /** Records counted into overflow lines so far (metrics). */
  overflowed = 0;

  constructor(
    private readonly dest: AuditDestination,
    readonly capacity: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records accepted and not yet handed to the destination. */
  get depth(): number {
    return this.items.length - this.head;
  }

  push(rec: AuditRecord): void {
    if (this.depth < this.capacity) this.items.push(rec);
    else this.count(rec);
    this.schedule();
  }

  /** Hands every queued record and overflow line to the destination now, ignoring its backpressure. */
  flushSync(): void {
    while (this.depth > 0) this.dest.write(this.take());
    this.writeOverflow();
  }

  private count(rec: AuditRecord): void {
    const type = String(rec.event);
    const key = this.overflow.size >= MAX_OVERFLOW_KEYS && !this.overflow.has(type) ? "*" : type;
    const at = this.now();
    const o = this.overflow.get(key);
    this.overflowed++;
    if (o) {
      o.count++;
      o.until = at;
    } else this.overflow.set(key, { first: rec, count: 1, since: at, until: at });
  }

  private schedule(): void {
    if (this.scheduled || this.paused) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    for (let n = 0; n < BATCH && this.depth > 0; n++) {
      if (!this.dest.write(this.take())) {
        this.paused = true;
        this.dest.onDrain(() => {
          this.paused = false;
          this.schedule();
        });
        return;
      }
    }
    if (this.depth > 0) return this.schedule();
    this.writeOverflow();
  }

  private take(): AuditRecord {
    const rec = this.items[this.head]!;
    this.head++;
    if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return rec;
  }

  private writeOverflow(): void {
    for (const [key, o] of this.overflow) {
      this.overflow.delete(key);
      const line = aggregateLine(o.first, o.count, { windowMs: 0, ...o }, " (audit queue full)");
      this.dest.write(line);
    }
  }
}
