import { chmod, mkdir, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { rotateBackups, backupFileName, partialName } from "./catalog.ts";
import { sha256File, sidecarOf, sidecarText } from "./checksum.ts";
import { fsyncPath, renameDurably, writeFileAtomic } from "./durable-file.ts";
import { serverMajor, withClient } from "./database-inspect.ts";
import { BackupError } from "./errors.ts";
import { assertToolCanServe, locateTool, runTool, toolConnection } from "./pg-tools.ts";

export interface BackupOptions {
  /** The database to dump; undefined means the BFF runs on PGlite (refused, see BACKUP_NEEDS_POSTGRES). */
  databaseUrl: string | undefined;
  dir: string;
  keep: number;
  pgBinDir?: string | undefined;
  now?: () => Date;
}

export interface BackupResult {
  file: string;
  database: string;
  sha256: string;
  bytes: number;
  durationMs: number;
  /** Older backups removed by rotation. */
  deleted: string[];
}

/** Database names go into file names: anything but letters, digits, `_`, `.` and `-` becomes `_`. */
const fileSafe = (name: string) => name.replace(/[^A-Za-z0-9_.-]/g, "_");

/** The database part of backup file names for `url` (the `backup` health check looks for these). */
export const backupDatabaseName = (url: string): string => fileSafe(toolConnection(url).database);

/** Refuses PGlite with what to do instead (docs/operations.md, "Backups"). */
export function requirePostgres(databaseUrl: string | undefined): string {
  if (databaseUrl) return databaseUrl;
  throw new BackupError(
    "BACKUP_NEEDS_POSTGRES",
    "DATABASE_URL is unset, so the BFF keeps its data in the embedded PGlite (WORKSPACE_DATA_DIR), which pg_dump " +
      "cannot reach. Backups need PostgreSQL: set DATABASE_URL. For a PGlite demo, stop the BFF and copy its data directory.",
    "DATABASE_URL",
  );
}

/**
 * pg_dump (custom format) into a hidden partial file; only after pg_dump exited 0 is the sha256 sidecar written and
 * the dump renamed to its final name, so a crash or a failure at any point leaves nothing that counts as a good
 * backup. Then the newest `keep` are kept.
 */
export async function createBackup(options: BackupOptions): Promise<BackupResult> {
  const url = requirePostgres(options.databaseUrl);
  const started = performance.now();
  const conn = toolConnection(url);
  const tool = await locateTool("pg_dump", options.pgBinDir);
  await withClient(url, async (c) => assertToolCanServe("pg_dump", tool, await serverMajor(c)));
  // Dumps hold password hashes and the audit trail: only the backup user may read them.
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  const database = backupDatabaseName(url);
  const name = backupFileName(database, (options.now ?? (() => new Date()))());
  const final = join(options.dir, name);
  const partial = join(options.dir, partialName(name));
  const sidecarPartial = join(options.dir, partialName(basename(sidecarOf(final))));
  try {
    // A table locked exclusively (a long migration) fails the run after 2 min instead of hanging the timer for hours.
    const args = [
      "--format=custom",
      "--no-password",
      "--lock-wait-timeout=120000",
      `--file=${partial}`,
      `--dbname=${conn.dbnameArg}`,
    ];
    const run = await runTool(tool.path, args, conn.env);
    if (run.code !== 0)
      throw new BackupError("PG_DUMP_FAILED", `pg_dump of ${conn.display} exited ${run.code}: ${run.stderr}`);
    await chmod(partial, 0o600);
    await fsyncPath(partial);
    const sha256 = await sha256File(partial);
    await writeFileAtomic(sidecarPartial, sidecarOf(final), sidecarText(sha256, name));
    await renameDurably(partial, final);
    const { size } = await stat(final);
    const deleted = await rotateBackups(options.dir, database, options.keep);
    return { file: final, database, sha256, bytes: size, durationMs: performance.now() - started, deleted };
  } finally {
    await rm(partial, { force: true });
    await rm(sidecarPartial, { force: true });
  }
}
