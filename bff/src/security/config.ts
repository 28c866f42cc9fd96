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
  /** Failed logins from one client IP (any username) per window before growing delays start (login-guard.ts). */
  RATE_LOGIN_IP: count(20),
  /** Failed logins for one username from one IP or known device per window before growing delays start. */
  RATE_LOGIN_USER_FAILURES: count(5),
  /** Failed logins for one username from all unfamiliar sources per window before delays start (backstop). */
  RATE_LOGIN_USER_BACKSTOP: count(100),
  /** Window over which the login limits count failures, seconds. */
  RATE_LOGIN_WINDOW_S: seconds(60 * 60),
  /** First login delay once a limit is reached; each further failure doubles it. */
  RATE_LOGIN_DELAY_BASE_S: seconds(1),
  /** Longest login delay (the doubling stops here; never a lock for good). */
  RATE_LOGIN_DELAY_MAX_S: seconds(15 * 60),
  /** Days a device or IP that logged in as a user stays familiar (its known-device cookie's lifetime too). */
  RATE_LOGIN_KNOWN_DAYS: seconds(30),
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
