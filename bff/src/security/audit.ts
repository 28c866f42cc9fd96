import { fileURLToPath } from "node:url";
import { pino, type Logger as Pino } from "pino";
import type { AuditEvent, AuditSink } from "../session/index.ts";
import { AuditAggregator, type AuditRecord } from "./audit-aggregate.ts";
import { AuditQueue } from "./audit-queue.ts";

/** Default audit file: `<repo>/bff/data/audit.jsonl` (git-ignored; directory created on start). */
export const defaultAuditFile = fileURLToPath(new URL("../../data/audit.jsonl", import.meta.url));

/**
 * Paths pino censors whatever a caller passes. The sink already copies only known fields, so these are the second
 * line of defence for `details` and for any future field: passwords, cookies, session ids, bearer and OIDC tokens.
 */
export const auditRedactPaths = [
  "password",
  "*.password",
  "cookie",
  "*.cookie",
  "headers.cookie",
  "*.headers.cookie",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "token",
  "*.token",
  "sid",
  "*.sid",
  "idToken",
  "*.idToken",
  "oidcIdToken",
  "*.oidcIdToken",
  "accessToken",
  "*.accessToken",
  "refreshToken",
  "*.refreshToken",
  "code",
  "*.code",
  "codeVerifier",
  "*.codeVerifier",
  "set-cookie",
  "*.set-cookie",
];

const secretKey = /pass(word)?|cookie|authori[sz]ation|token|^sid$|secret|^code$|verifier|set-cookie/i;

/** Deep copy of `details` with secret-named keys censored at any depth (pino's wildcards reach one level only). */
function scrub(value: unknown, depth = 0): unknown {
  if (depth > 4) return "[TRUNCATED]";
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => scrub(v, depth + 1));
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, secretKey.test(k) ? "[REDACTED]" : scrub(v, depth + 1)]),
    );
  return typeof value === "string" ? clip(value) : value;
}

type Outcome = "success" | "failure" | "denied" | "info";

/** Events arrive as the session core's AuditEvent, or with `event` as the type (the OIDC module's shape). */
export type AuditInput = AuditEvent | (Omit<AuditEvent, "type"> & { type?: string; [k: string]: unknown });

const known = new Set(["type", "requestId", "user", "userId", "ip", "userAgent", "method", "path", "event"]);
known.add("permission").add("reason").add("outcome").add("session");
const clip = (v: unknown, n = 256) => (typeof v === "string" ? v.slice(0, n) : undefined);

/** `{ username, id }` from `user` (a username, or a user object) and `userId`. */
function userOf(raw: Record<string, unknown>): { username?: string; id?: string } | undefined {
  const u = raw.user;
  const obj = typeof u === "object" && u !== null ? (u as Record<string, unknown>) : undefined;
  const username = clip(obj ? obj.username : u, 128);
  const id = clip(raw.userId ?? obj?.id, 128);
  return username === undefined && id === undefined ? undefined : { username, id };
}

function outcomeOf(type: string, explicit: unknown): Outcome {
  if (explicit === "success" || explicit === "failure" || explicit === "denied") return explicit;
  if (/\.success$/.test(type) || type === "logout") return "success";
  if (/\.failure$|\.expired$/.test(type)) return "failure";
  if (/\.denied$|\.rejected$|\.limited$|_rejected$|_limited$|\.refused$/.test(type)) return "denied";
  return "info";
}

/** Maps an event to the audit line: fixed fields first, anything else under `details` (redacted by pino). */
export function toAuditRecord(e: AuditInput): Record<string, unknown> {
  const raw = e as Record<string, unknown>;
  // OIDC events carry the type in `event` and the login method in `method`.
  const oidcShape = raw.type === undefined && typeof raw.event === "string";
  const type = clip(oidcShape ? raw.event : raw.type, 64) ?? "unknown";
  const details = Object.fromEntries(Object.entries(raw).filter(([k]) => !known.has(k)));
  const rec: Record<string, unknown> = {
    event: type,
    outcome: outcomeOf(type, raw.outcome),
    requestId: clip(raw.requestId, 128),
    user: userOf(raw),
    ip: clip(raw.ip, 64),
    userAgent: clip(raw.userAgent),
    reason: clip(raw.reason),
    session: clip(raw.session, 16),
  };
  const loginMethod = raw.method === "password" || raw.method === "oidc";
  if (oidcShape || loginMethod) rec.loginMethod = clip(raw.method, 16);
  if (!loginMethod && (raw.method !== undefined || raw.path !== undefined))
    rec.http = { method: clip(raw.method, 16), path: clip(raw.path) };
  if (!oidcShape && raw.event !== undefined) rec.socketEvent = clip(raw.event, 64);
  if (raw.permission !== undefined) rec.permission = clip(raw.permission, 64);
  if (Object.keys(details).length > 0) rec.details = scrub(details);
  return rec;
}

export interface PinoAuditSink extends AuditSink {
  record(event: AuditInput): void;
  readonly logger: Pino;
  /** Writes what is queued to the file now, synchronously (tests that read the file; shutdown). */
  flushSync(): void;
  /** Queue depth, records folded into aggregate lines, the database trail's counters (metrics, read at scrape time). */
  stats(): { depth: number; aggregated: number; store?: AuditStoreStats };
  /** Writes the open aggregates and the queue, then closes the file (shutdown, tests). */
  close(): Promise<void>;
}

export interface AuditSinkOptions {
  /** Repeats of a burst-prone event within this window become one aggregate line (audit-aggregate.ts). */
  aggregateWindowMs?: number;
  /** Records waiting to be written; past it they are counted into aggregate lines (audit-queue.ts). */
  queueMax?: number;
  /**
   * A second destination for every line (after aggregation, so a flood costs the database what it costs the file):
   * the hash-chained PostgreSQL trail (audit/compose.ts). It queues and never blocks.
   */
  store?: { append(rec: AuditRecord): void; stats(): AuditStoreStats };
}

/** The database trail's counters (audit/writer.ts), passed through `stats()` for the metrics. */
export interface AuditStoreStats {
  mode: "direct" | "spooling";
  spoolBytes: number;
  written: number;
  spooled: number;
  replayed: number;
  dropped: Record<string, number>;
}

/**
 * The audit log: pino JSON lines to their own destination (never the app log). `record` never blocks the event loop:
 * bursts are aggregated, the rest goes through a bounded queue that an asynchronous destination drains; nothing the
 * queue accepted is lost (full → aggregate lines; close → everything flushed and fsynced). `file` "-" writes to stdout.
 * With `store`, every line also goes there (the PostgreSQL trail); `close` flushes the open aggregates into it too.
 */
export function createAuditSink(file: string = defaultAuditFile, opts: AuditSinkOptions = {}): PinoAuditSink {
  const stdout = file === "-";
  const dest = stdout
    ? pino.destination({ dest: 1, sync: false })
    : pino.destination({ dest: file, mkdir: true, sync: false });
  let accepted = true;
  // pino writes one line per call through this; its return value is sonic-boom's backpressure signal.
  const stream = { write: (line: string) => (accepted = dest.write(line)) };
  const logger = pino(
    {
      base: null,
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: auditRedactPaths, censor: "[REDACTED]" },
    },
    stream,
  );
  const queue = new AuditQueue(
    {
      write: (rec) => {
        if (rec.outcome === "success" || rec.outcome === "info") logger.info(rec, "audit");
        else logger.warn(rec, "audit");
        return accepted;
      },
      onDrain: (resume) => dest.once("drain", resume),
    },
    opts.queueMax ?? 10_000,
  );
  const store = opts.store;
  const aggregator = new AuditAggregator((rec) => {
    queue.push(rec);
    store?.append(rec);
  }, opts.aggregateWindowMs ?? 10_000);
  // sonic-boom's typings omit `fd`: -1 until the file is open (an async destination opens it in the background).
  const open = (): boolean => (dest as unknown as { fd: number }).fd >= 0;
  const ready = (): Promise<void> =>
    open() ? Promise.resolve() : new Promise((resolve) => dest.once("ready", () => resolve()));
  const flushSync = (): void => {
    queue.flushSync();
    if (open()) dest.flushSync();
  };
  return {
    logger,
    record: (event) => aggregator.offer(toAuditRecord(event)),
    flushSync,
    stats: () => ({
      depth: queue.depth,
      aggregated: aggregator.folded + queue.overflowed,
      ...(store ? { store: store.stats() } : {}),
    }),
    close: async () => {
      aggregator.flush();
      await ready();
      flushSync();
      if (stdout) return;
      await new Promise<void>((resolve) => {
        dest.once("close", () => resolve());
        dest.end();
      });
    },
  };
}
