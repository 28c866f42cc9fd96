import type { Logger } from "./logger.ts";

type Level = "warn" | "error" | "info";

interface Window {
  /** Occurrences since the window opened (the first one was logged in full). */
  count: number;
  /** The newest occurrence's fields, reported with the summary. */
  last: object;
  timer: NodeJS.Timeout;
}

/**
 * Rate-limited logging for messages an upstream or a client can repeat at will (sequence gaps, upstream errors,
 * malformed frames, impossible data, denied events). The first occurrence of a key is logged in full; later ones in
 * the same window are only counted, and when the window closes one summary line says how many there were
 * (`"feed sequence gap (412 in the last 10 s)"`, with `repeated` and `windowMs` fields and the newest one's fields).
 * A hostile peer therefore costs at most two lines per key per window, whatever its rate.
 */
export class LogThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = 10_000,
    /** Distinct keys open at once; past it, new keys are counted under `*` so keys cannot grow the map. */
    private readonly maxKeys = 256,
  ) {}

  warn(key: string, obj: object, msg: string): void {
    this.log("warn", key, obj, msg);
  }

  error(key: string, obj: object, msg: string): void {
    this.log("error", key, obj, msg);
  }

  info(key: string, obj: object, msg: string): void {
    this.log("info", key, obj, msg);
  }

  /** Flushes every open window's summary now (on shutdown, so no count is lost). */
  flush(): void {
    for (const [id, w] of this.windows) {
      clearTimeout(w.timer);
      this.summarise(id, w);
    }
    this.windows.clear();
  }

  private log(level: Level, key: string, obj: object, msg: string): void {
    const id = `${level}\u0000${msg}\u0000${this.windows.size >= this.maxKeys && !this.has(level, key, msg) ? "*" : key}`;
    const open = this.windows.get(id);
    if (open) {
      open.count++;
      open.last = obj;
      return;
    }
    this.logger[level](obj, msg);
    const timer = setTimeout(() => {
      const w = this.windows.get(id);
      this.windows.delete(id);
      if (w) this.summarise(id, w);
    }, this.windowMs);
    timer.unref();
    this.windows.set(id, { count: 0, last: obj, timer });
  }

  private has(level: Level, key: string, msg: string): boolean {
    return this.windows.has(`${level}\u0000${msg}\u0000${key}`);
  }

  private summarise(id: string, w: Window): void {
    if (w.count === 0) return;
    const [level, msg] = id.split("\u0000") as [Level, string];
    const seconds = Math.round(this.windowMs / 100) / 10;
    this.logger[level](
      { ...w.last, repeated: w.count, windowMs: this.windowMs },
      `${msg} (${w.count} more in the last ${seconds} s)`,
    );
  }
}
