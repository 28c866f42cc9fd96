/** Why a backup or restore stopped; the CLI prints `error <code>: <message>` and exits 1 (2 for BACKUP_USAGE). */
export type BackupErrorCode =
  /** Bad command line (unknown command, missing file argument, bad option). */
  | "BACKUP_USAGE"
  /** DATABASE_URL is unset: the BFF runs on the embedded PGlite, which pg_dump cannot reach. */
  | "BACKUP_NEEDS_POSTGRES"
  /** pg_dump / pg_restore is not installed (or not where BACKUP_PG_BIN_DIR says). */
  | "PG_TOOL_MISSING"
  /** pg_dump older than the server (it refuses), or a dump newer than pg_restore reads: say which client to install. */
  | "PG_VERSION_MISMATCH"
  /** The database could not be reached (refused, auth, unknown database). */
  | "DATABASE_UNREACHABLE"
  /** pg_dump exited non-zero; nothing was kept. */
  | "PG_DUMP_FAILED"
  /** The dump file named for a restore does not exist. */
  | "BACKUP_NOT_FOUND"
  /** The dump has no `.sha256` sidecar: it was never completed (or was copied without it). */
  | "CHECKSUM_MISSING"
  /** The dump's sha256 differs from its sidecar: corrupt or truncated; refused. */
  | "CHECKSUM_MISMATCH"
  /** The restore target already holds tables; `--force` replaces them. */
  | "RESTORE_TARGET_NOT_EMPTY"
  /** pg_restore exited non-zero; the single transaction rolled back, the target is as it was. */
  | "PG_RESTORE_FAILED";

/** A backup or restore failure with a stable code and, for bad input, the offending field or argument. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "BackupError";
  }
}
