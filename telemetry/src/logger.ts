import { context, isSpanContextValid, trace } from "@opentelemetry/api";
import {
  pino,
  stdTimeFunctions,
  type DestinationStream,
  type LevelWithSilentOrString,
  type Logger as PinoLogger,
} from "pino";
import { currentRequestContext } from "./request-context.ts";

/**
 * Keys whose values never reach a log line, wherever they sit (top level or up to three objects deep, e.g.
 * `req.headers.cookie`, `err.config.headers.authorization`): session cookies, bearer tokens, passwords, OIDC and
 * service secrets, the feed and control tokens.
 */
export const SECRET_KEYS = [
  "authorization",
  "Authorization",
  "cookie",
  "Cookie",
  "set-cookie",
  "Set-Cookie",
  "password",
  "passwordHash",
  "newPassword",
  "token",
  "accessToken",
  "access_token",
  "refreshToken",
  "refresh_token",
  "idToken",
  "id_token",
  "secret",
  "clientSecret",
  "client_secret",
  "privateKey",
  "FEED_TOKEN",
  "SIM_CONTROL_TOKEN",
  "OIDC_CLIENT_SECRET",
] as const;

/** What replaces a redacted value. */
export const REDACTED = "[REDACTED]";

const MAX_DEPTH = 3;

/** pino `redact` paths for SECRET_KEYS at depth 0…MAX_DEPTH (`key`, `*.key`, `*.*.key`, `*.*.*.key`). */
export function redactPaths(keys: readonly string[] = SECRET_KEYS): string[] {
  const paths: string[] = [];
  for (const key of keys) {
    const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
    for (let depth = 0; depth <= MAX_DEPTH; depth++) {
      const prefix = "*".repeat(depth ? 1 : 0) + ".*".repeat(Math.max(depth - 1, 0));
      if (depth === 0) paths.push(leaf);
      else paths.push(leaf.startsWith("[") ? `${prefix}${leaf}` : `${prefix}.${leaf}`);
    }
  }
  return paths;
}

/**
 * Fields every line gets from where it is written: `requestId` inside a request (HTTP or service call), and the active span's
 * `trace_id`, `span_id`, `trace_flags` (W3C hex, as OpenTelemetry's log correlation names them).
 */
export function correlationFields(): Record<string, string> {
  const fields: Record<string, string> = {};
  const req = currentRequestContext();
  if (req) fields.requestId = req.requestId;
  const span = trace.getSpan(context.active())?.spanContext();
  if (span && isSpanContextValid(span)) {
    fields.trace_id = span.traceId;
    fields.span_id = span.spanId;
    fields.trace_flags = `0${span.traceFlags.toString(16)}`.slice(-2);
  }
  return fields;
}

export interface LoggerOptions {
  level: LevelWithSilentOrString;
  /** Service name on every line (`bff`, `sim`). */
  svc: string;
  /** Where lines go; stdout by default (tests pass a memory stream). */
  destination?: DestinationStream;
}

/**
 * The one logger factory of every Pregão process: JSON lines `{ level: "info", time: ISO-8601, svc, requestId?, trace_id?, span_id?,
 * trace_flags?, msg, … }` with secrets redacted. The BFF's audit log (bff/src/security/audit.ts) is a separate stream on purpose.
 */
export function createLogger(options: LoggerOptions): PinoLogger {
  return pino(
    {
      level: options.level,
      base: { svc: options.svc },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: correlationFields,
      redact: { paths: redactPaths(), censor: REDACTED },
    },
    options.destination,
  );
}
