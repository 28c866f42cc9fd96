import type { Logger } from "../lib/logger.ts";
import type { RetentionCut } from "./retention.ts";

const DAY_MS = 86_400_000;

/**
 * Runs the retention cut (rows older than `days`) now and then every `intervalMs`, one run at a time. A failed run
 * (database away) is logged and tried at the next tick; rows are never deleted by anything else.
 */
export function startRetentionJob(deps: {
  days: number;
  intervalMs: number;
  cut: (cutoff: Date) => Promise<RetentionCut>;
  logger: Logger;
  now?: () => number;
}): { stop(): Promise<void> } {
  const now = deps.now ?? Date.now;
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) return;
    const cutoff = new Date(now() - deps.days * DAY_MS);
    running = deps
      .cut(cutoff)
      .then((res) => {
        if (res.deleted > 0)
          deps.logger.info({ ...res, cutoff: cutoff.toISOString() }, "audit retention: rows deleted");
      })
      .catch((err: unknown) => deps.logger.warn({ err: String(err) }, "audit retention run failed"))
      .finally(() => (running = null));
  };
  const timer = setInterval(run, deps.intervalMs);
  timer.unref();
  run();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
