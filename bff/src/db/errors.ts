import { HttpError } from "../lib/http-error.ts";

/**
 * The primary cannot take writes now (down, unreachable, or a standby that refuses writes). 503: the client keeps its
 * change and tries again later; reads keep working from the replica.
 */
export class DataStoreReadOnlyError extends HttpError {
  constructor(reason: string, cause?: unknown) {
    super(
      503,
      "DATA_STORE_READ_ONLY",
      `storage is read-only for now (${reason}); try again shortly`,
      undefined,
      {
        reason,
      },
    );
    this.name = "DataStoreReadOnlyError";
    if (cause !== undefined) this.cause = cause;
  }
}

/** Node socket errors that mean "the server is not there" rather than "the statement is wrong". */
const unreachableCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);

/**
 * True when `err` says the database cannot take this write now, not that the write is wrong: a connection that failed
 * or dropped, a server shutting down or starting (SQLSTATE class 08, 57P01–57P03), or a read-only server (25006,
 * e.g. a standby). Constraint violations and syntax errors stay false: they must surface as themselves.
 */
export function isUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 4) return false;
  // A wrapper (MigrationError, Kysely's) is as unavailable as what it wraps.
  if (err.cause !== undefined && isUnavailable(err.cause, depth + 1)) return true;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") {
    if (unreachableCodes.has(code)) return true;
    if (code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03") return true;
    if (code === "25006") return true;
  }
  // pg reports a socket closed under a query or a connect timeout with plain messages and no code.
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    err.message,
  );
}

/** Neither the primary nor the replica answered a read: 503 like any other unavailable dependency. */
export class DataStoreUnavailableError extends HttpError {
  constructor(cause: unknown) {
    super(503, "UPSTREAM_UNAVAILABLE", "storage is unavailable; try again shortly");
    this.name = "DataStoreUnavailableError";
    this.cause = cause;
  }
}

/** undefined_table (42P01) or undefined_column (42703): on a replica, a schema change it has not replayed yet. */
export function isSchemaBehind(err: unknown): boolean {
  const code = err instanceof Error ? (err as { code?: unknown }).code : undefined;
  return code === "42P01" || code === "42703";
}
