import { mkdir, open, readFile, unlink, writeFile, type FileHandle } from "node:fs/promises";
import { dirname } from "node:path";
import { auditOutcomeSchema } from "@pregao/contracts";
import type { PendingAuditRow } from "./schema.ts";

/** Largest slice of the spool read at once; a line is far smaller (audit strings are clipped at 256). */
const CHUNK = 1 << 20;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A spooled line that is not a row (hand edit, disk corruption): skipped on replay, counted and logged. */
function parseRow(line: string): PendingAuditRow | null {
  try {
    const v = JSON.parse(line) as PendingAuditRow;
    const ok =
      typeof v.id === "string" &&
      uuid.test(v.id) &&
      typeof v.at === "string" &&
      !Number.isNaN(Date.parse(v.at)) &&
      typeof v.event === "string" &&
      auditOutcomeSchema.safeParse(v.outcome).success;
    return ok ? v : null;
  } catch {
    return null;
  }
}

/** Another live process holds the spool: two BFFs on one file would replay and truncate each other's rows. */
export class AuditSpoolLockedError extends Error {
  readonly code = "AUDIT_SPOOL_LOCKED";
  constructor(
    readonly file: string,
    readonly pid: number,
  ) {
    super(`audit spool ${file} is in use by process ${pid}: give each BFF instance its own AUDIT_SPOOL_FILE`);
    this.name = "AuditSpoolLockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process (not this one) holding the spool `file`, or null. */
export async function spoolHolder(file: string): Promise<number | null> {
  const holder = Number((await readFile(`${file}.lock`, "utf8").catch(() => "")).trim());
  return Number.isInteger(holder) && holder > 0 && holder !== process.pid && alive(holder) ? holder : null;
}

/** Claims `<file>.lock` for this process; a lock left by a process that is gone is taken over. */
async function claim(lock: string, file: string): Promise<void> {
  try {
    await writeFile(lock, String(process.pid), { flag: "wx", mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    const holder = await spoolHolder(file);
    if (holder !== null) throw new AuditSpoolLockedError(file, holder);
    await writeFile(lock, String(process.pid), { mode: 0o600 });
  }
}

export interface SpoolRead {
  rows: PendingAuditRow[];
  /** Lines skipped as unreadable. */
  bad: number;
  /** Where the next read starts once these rows are stored (`commit`). */
  next: number;
}

/**
 * The audit rows the database could not take yet, in order, as JSON lines in one local file. `append` returns once the
 * lines are on disk (one fdatasync per batch). Reads walk forward from an offset; the file is emptied only when every
 * line has been stored, so a crash at any point leaves rows to replay — never a hole — and the database skips the ones
 * it already has by their id. The file never grows past `maxBytes`: `append` takes what fits and says how many.
 */
export class AuditSpool {
  private fh: FileHandle | null = null;
  private size = 0;
  private offset = 0;
  /** A torn last line found at open (a crash mid-write): cut off, never half-replayed. */
  tornBytes = 0;

  constructor(
    readonly file: string,
    readonly maxBytes: number,
  ) {}

  /** Opens (creating) the file, claims it for this process, and cuts a torn last line. */
  async open(): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await claim(`${this.file}.lock`, this.file);
    const fh = await open(this.file, "a+", 0o600);
    this.fh = fh;
    this.size = (await fh.stat()).size;
    if (this.size === 0) return;
    // Find the last newline: anything after it was being written when the process died.
    const tail = Buffer.alloc(Math.min(this.size, CHUNK));
    await fh.read(tail, 0, tail.length, this.size - tail.length);
    const cut = tail.lastIndexOf(0x0a) + 1 + (this.size - tail.length);
    if (cut < this.size) {
      this.tornBytes = this.size - cut;
      await fh.truncate(cut);
      await fh.datasync();
      this.size = cut;
    }
  }

  /** Bytes spooled and not yet stored. */
  get pendingBytes(): number {
    return this.size - this.offset;
  }

  get empty(): boolean {
    return this.pendingBytes === 0;
  }

  /** Appends what fits under `maxBytes`, durably; returns how many rows (a prefix of `rows`) were written. */
  async append(rows: readonly PendingAuditRow[]): Promise<number> {
    const fh = this.handle();
    let text = "";
    let n = 0;
    for (const row of rows) {
      const line = `${JSON.stringify(row)}\n`;
      if (this.size + Buffer.byteLength(text) + Buffer.byteLength(line) > this.maxBytes) break;
      text += line;
      n++;
    }
    if (n === 0) return 0;
    const bytes = Buffer.from(text);
    await fh.write(bytes, 0, bytes.length);
    await fh.datasync();
    this.size += bytes.length;
    return n;
  }

  /** Up to `max` rows from the current offset, oldest first; call `commit(next)` once they are stored. */
  async read(max: number): Promise<SpoolRead> {
    const fh = this.handle();
    const rows: PendingAuditRow[] = [];
    let bad = 0;
    let pos = this.offset;
    while (rows.length < max && pos < this.size) {
      const buf = Buffer.alloc(Math.min(CHUNK, this.size - pos));
      await fh.read(buf, 0, buf.length, pos);
      let start = 0;
      for (let nl = buf.indexOf(0x0a); nl >= 0 && rows.length < max; nl = buf.indexOf(0x0a, start)) {
        const row = parseRow(buf.subarray(start, nl).toString("utf8"));
        if (row) rows.push(row);
        else bad++;
        start = nl + 1;
      }
      // A line longer than a chunk cannot be a row we wrote: skip the chunk.
      if (start === 0) bad++;
      pos += start === 0 ? buf.length : start;
    }
    return { rows, bad, next: pos };
  }

  commit(next: number): void {
    this.offset = next;
  }

  /** Empties the file once everything in it is stored. */
  async reset(): Promise<void> {
    const fh = this.handle();
    await fh.truncate(0);
    await fh.datasync();
    this.size = 0;
    this.offset = 0;
  }

  async close(): Promise<void> {
    if (!this.fh) return;
    await this.fh.close();
    this.fh = null;
    await unlink(`${this.file}.lock`).catch(() => undefined);
  }

  private handle(): FileHandle {
    if (!this.fh) throw new Error(`audit spool ${this.file} is not open`);
    return this.fh;
  }
}
