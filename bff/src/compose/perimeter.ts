import { Redis } from "ioredis";
import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import type { BffMetrics } from "../observability/metrics.ts";
import {
  createAuditSink,
  defaultAuditFile,
  type AuditSinkOptions,
  type PinoAuditSink,
} from "../security/audit.ts";
import { createPerimeter, type Perimeter } from "../security/perimeter.ts";

export interface ComposedPerimeter {
  /** The audit log (pino JSON lines, aggregated, bounded queue; and the database trail when given). */
  audit: PinoAuditSink;
  /** Rate limits, login guard, CSRF, headers, client address (security/). */
  perimeter: Perimeter;
  /** The limiters' Redis (REDIS_URL; fails fast, in-memory insurance behind it); null without REDIS_URL. */
  limiterRedis: Redis | null;
  /** Disconnects the limiters' Redis, then flushes and closes the audit log. */
  dispose(): Promise<void>;
}

/** The perimeter (security/): audit log and limiters, counting in Redis when REDIS_URL is set. */
export function composePerimeter(deps: {
  config: Config;
  logger: Logger;
  metrics: BffMetrics;
  /** Read per request: the origins are known only after listen when PORT=0. */
  allowedOrigins: () => readonly string[];
  /** The hash-chained trail in the database (audit/compose.ts): every audit line goes there too; null → file only. */
  auditTrail?: AuditSinkOptions["store"] | null;
}): ComposedPerimeter {
  const { config, logger, metrics } = deps;
  const audit = createAuditSink(config.AUDIT_LOG_FILE ?? defaultAuditFile, {
    aggregateWindowMs: config.AUDIT_AGGREGATE_WINDOW_MS,
    queueMax: config.AUDIT_QUEUE_MAX,
    ...(deps.auditTrail ? { store: deps.auditTrail } : {}),
  });
  const limiterRedis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  limiterRedis?.on("error", (err: Error) =>
    logger.warn({ err: err.message }, "rate-limit redis unavailable"),
  );
  const perimeter = createPerimeter(config, {
    allowedOrigins: deps.allowedOrigins,
    redis: limiterRedis,
    redisPrefix: `${config.REDIS_KEY_PREFIX}rl`,
    audit,
    onRejected: (limiter) => metrics.rateLimitRejections.labels(limiter).inc(),
  });
  return {
    audit,
    perimeter,
    limiterRedis,
    dispose: async () => {
      limiterRedis?.disconnect();
      await audit.close();
    },
  };
}
