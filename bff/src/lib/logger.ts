/**
 * The slice of pino the inner layers use, so they can be tested with a stub. The real one comes from
 * @pregao/telemetry `createLogger` (JSON lines with requestId, trace ids, redaction).
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** A logger that discards everything. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
};
