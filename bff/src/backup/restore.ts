import { stat } from "node:fs/promises";
import { requirePostgres } from "./backup.ts";
import { verifyChecksum } from "./checksum.ts";
import { tableRowCounts, userObjects, withClient, type RowCounts } from "./database-inspect.ts";
import { BackupError } from "./errors.ts";
import { locateTool, runTool, toolConnection } from "./pg-tools.ts";

export interface RestoreOptions {
  file: string;
  /** The database to restore into (DATABASE_URL, or `--target`); it must exist. */
  targetUrl: string | undefined;
  /** Restore over a database that already holds objects (pg_restore --clean --if-exists). */
  force?: boolean;
  pgBinDir?: string | undefined;
}

export interface RestoreResult {
  file: string;
  target: string;
  sha256: string;
  durationMs: number;
  /** Row counts of every table in the restored database. */
  counts: RowCounts;
}

/** Objects named in the "not empty" message at most. */
const NAMED = 5;

async function assertExists(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new BackupError("BACKUP_NOT_FOUND", `no backup file at ${file}`, "file");
}

/**
 * Verifies the dump against its sidecar, refuses a target that already holds objects unless `force`, and restores in
 * one transaction (--single-transaction --exit-on-error: a failure leaves the target as it was). --no-owner: the
 * restoring role owns everything, so a dump taken under another role name restores anywhere.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreResult> {
  const url = requirePostgres(options.targetUrl);
  const started = performance.now();
  const conn = toolConnection(url);
  await assertExists(options.file);
  const sha256 = await verifyChecksum(options.file);
  const tool = await locateTool("pg_restore", options.pgBinDir);
  const present = await withClient(url, userObjects);
  if (present.length > 0 && !options.force) {
    const named =
      present.slice(0, NAMED).join(", ") +
      (present.length > NAMED ? ` (+${present.length - NAMED} more)` : "");
    throw new BackupError(
      "RESTORE_TARGET_NOT_EMPTY",
      `${conn.display} is not empty (${named}): restore into a new database, or pass --force to replace what is there`,
      "target",
    );
  }
  const args = [
    "--no-owner",
    "--exit-on-error",
    "--single-transaction",
    "--no-password",
    ...(present.length > 0 ? ["--clean", "--if-exists"] : []),
    `--dbname=${conn.dbnameArg}`,
    options.file,
  ];
  const run = await runTool(tool.path, args, conn.env);
  // pg_restore reads archives of its own version and older; a dump from a newer pg_dump says so in its header.
  if (run.code !== 0 && /unsupported version .* in file header/.test(run.stderr))
    throw new BackupError(
      "PG_VERSION_MISMATCH",
      `${options.file} was written by a newer pg_dump than ${tool.path} (pg_restore ${tool.major}) reads: ` +
        `install that version's client and set BACKUP_PG_BIN_DIR (${run.stderr})`,
      "BACKUP_PG_BIN_DIR",
    );
  if (run.code !== 0)
    throw new BackupError(
      "PG_RESTORE_FAILED",
      `pg_restore into ${conn.display} exited ${run.code} (rolled back, nothing changed): ${run.stderr}`,
    );
  const counts = await withClient(url, tableRowCounts);
  return {
    file: options.file,
    target: conn.display,
    sha256,
    durationMs: performance.now() - started,
    counts,
  };
}
