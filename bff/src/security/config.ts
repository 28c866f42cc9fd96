import { z } from "zod";

const count = (def: number) => z.coerce.number().int().nonnegative().default(def);
const seconds = (def: number) => z.coerce.number().int().positive().default(def);

/**
 * The perimeter's settings (CSP, body limit, rate limits, audit log). Spread into `configSchema` in env.ts, which stays
 * the only reader of process.env. A rate of 0 switches that limiter off (tests and local tools only).
 */
export const perimeterConfigShape = {
  /** Extra `connect-src` sources (space or comma separated), e.g. the Sentry ingest origin of a DSN-enabled build. */
  CSP_CONNECT_EXTRA: z.string().default(""),
  /** Largest request body on /api, in bytes. */
  BODY_LIMIT_BYTES: count(16 * 1024).pipe(z.number().min(1)),
  /** Login attempts per client IP per RATE_LOGIN_WINDOW_S. */
  RATE_LOGIN_IP: count(20),
  /** Failed logins per username per window before that username is locked out for one window. */
  RATE_LOGIN_USER_FAILURES: count(5),
  RATE_LOGIN_WINDOW_S: seconds(15 * 60),
  /** API requests per minute per session (anonymous requests: per client IP). */
  RATE_API_PER_MIN: count(300),
  /** Socket events per socket per RATE_SOCKET_WINDOW_S; over it the ack carries RATE_LIMITED. */
  RATE_SOCKET_EVENTS: count(50),
  RATE_SOCKET_WINDOW_S: seconds(10),
  /** Audit log (JSON lines); `-` writes to stdout. Default `<repo>/bff/data/audit.jsonl`. */
  AUDIT_LOG_FILE: z.string().min(1).optional(),
} as const;

const perimeterConfigSchema = z.object(perimeterConfigShape);
export type PerimeterConfig = z.infer<typeof perimeterConfigSchema>;

/** The defaults, for createApp() callers (unit tests) that bring no config. */
export const defaultPerimeterConfig: PerimeterConfig = perimeterConfigSchema.parse({});
