/** An audit line before serialisation (security/audit.ts toAuditRecord). */
export type AuditRecord = Record<string, unknown>;

/**
 * Audit events a client can repeat at will (events its role may not send, refused or rate-limited sockets): bursts of
 * one kind from one source are aggregated. Logins, logouts and trading actions are never aggregated.
 */
const burstProne = new Set([
  "access.denied",
  "socket.origin_rejected",
  "socket.rate_limited",
  "socket.refused",
]);

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Who a burst comes from: the session when known (socket denials), else the user, else the client IP. */
function sourceOf(rec: AuditRecord): string {
  const session = str(rec.session);
  if (session) return `session ${session}`;
  const user = rec.user as { id?: string } | undefined;
  if (user?.id) return `user ${user.id}`;
  return `ip ${str(rec.ip) ?? "unknown"}`;
}

/** What was attempted: the socket event, the HTTP path, or the refusal's scope. */
function targetOf(rec: AuditRecord): string | undefined {
  const http = rec.http as { path?: string } | undefined;
  const details = rec.details as { scope?: unknown } | undefined;
  return str(rec.socketEvent) ?? http?.path ?? str(details?.scope);
}

/** The aggregation key of a burst-prone record, or undefined for a record written as it is. */
export function burstKey(rec: AuditRecord): string | undefined {
  const event = str(rec.event);
  if (!event || !burstProne.has(event)) return undefined;
  return `${event}\u0000${targetOf(rec) ?? ""}\u0000${sourceOf(rec)}`;
}

/** "N denied ops:subscribe from session X in the last 10 s". */
export function summaryOf(rec: AuditRecord, count: number, windowMs: number, why = ""): string {
  const event = str(rec.event) ?? "audit";
  const target = targetOf(rec);
  const what =
    event === "access.denied" ? `denied ${target ?? "requests"}` : `${event}${target ? ` ${target}` : ""}`;
  const window = windowMs > 0 ? ` in the last ${Math.round(windowMs / 100) / 10} s` : "";
  return `${count} ${what} from ${sourceOf(rec)}${window}${why}`;
}

/** One aggregate line: the first record's identifying fields, plus `aggregate` {count, windowMs, since, until}. */
export function aggregateLine(
  first: AuditRecord,
  count: number,
  window: { windowMs: number; since: number; until: number },
  why?: string,
): AuditRecord {
  const { event, outcome, user, ip, session, socketEvent, permission, http, details } = first;
  return {
    event,
    outcome,
    user,
    ip,
    session,
    socketEvent,
    permission,
    http,
    ...(details ? { details } : {}),
    summary: summaryOf(first, count, window.windowMs, why),
    aggregate: {
      count,
      windowMs: window.windowMs,
      since: new Date(window.since).toISOString(),
      until: new Date(window.until).toISOString(),
    },
  };
}

interface Window {
  first: AuditRecord;
  count: number;
  since: number;
  until: number;
  timer: NodeJS.Timeout;
}

/**
 * Aggregates bursts: the first burst-prone record of a key in a window is written as it is; repeats are only counted,
 * and when the window closes one aggregate line carries their number. A flood therefore costs at most two lines per
 * key per window. Keys are bounded: past `maxKeys`, new keys share one `*` window per event type.
 */
export class AuditAggregator {
  private readonly windows = new Map<string, Window>();
  /** Records folded into aggregate lines so far (metrics). */
  folded = 0;

  constructor(
    private readonly emit: (rec: AuditRecord) => void,
    readonly windowMs: number,
    private readonly maxKeys = 1024,
    private readonly now: () => number = Date.now,
  ) {}

  offer(rec: AuditRecord): void {
    const key = burstKey(rec);
    if (key === undefined) return this.emit(rec);
    const id =
      this.windows.size >= this.maxKeys && !this.windows.has(key) ? `${String(rec.event)}\u0000*` : key;
    const at = this.now();
    const open = this.windows.get(id);
    if (open) {
      open.count++;
      open.until = at;
      this.folded++;
      return;
    }
    this.emit(rec);
    const timer = setTimeout(() => this.close(id), this.windowMs);
    timer.unref();
    this.windows.set(id, { first: rec, count: 0, since: at, until: at, timer });
  }

  /** Writes every open window's aggregate now (shutdown: no count is lost). */
  flush(): void {
    for (const id of [...this.windows.keys()]) this.close(id);
  }

  private close(id: string): void {
    const w = this.windows.get(id);
    if (!w) return;
    clearTimeout(w.timer);
    this.windows.delete(id);
    if (w.count > 0) this.emit(aggregateLine(w.first, w.count, { ...w, windowMs: this.windowMs }));
  }
}
