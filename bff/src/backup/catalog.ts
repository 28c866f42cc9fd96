import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { sidecarOf } from "./checksum.ts";

/** One completed backup: the dump and its sidecar both exist under their final names. */
export interface GoodBackup {
  file: string;
  database: string;
  /** When the backup started (UTC, from the name: copies keep it; mtimes do not). */
  at: number;
}

const stampPattern = "\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z";
const namePattern = new RegExp(`^pregao-(.+)-(${stampPattern})\\.dump$`);
/** Leftovers older than this (an interrupted run's partial file, a sidecar whose dump never arrived) are removed. */
const LEFTOVER_MS = 24 * 3600_000;

/** `2026-12-03T19:45:00.123Z` → `2026-12-03T19-45-00-123Z` (sortable, no `:` for other file systems). */
const stamp = (at: Date) => at.toISOString().replace(/[:.]/g, "-");

/** `pregao-<database>-<UTC time>.dump`. */
export const backupFileName = (database: string, at: Date): string => `pregao-${database}-${stamp(at)}.dump`;

/** The name a dump is written under until it is complete: hidden, and never matching `namePattern`. */
export const partialName = (finalName: string): string => `.${finalName}.${process.pid}.partial`;

/** The database and time a backup file name carries, or null for anything else in the directory. */
export function parseBackupName(name: string): { database: string; at: number } | null {
  const m = namePattern.exec(name);
  if (!m) return null;
  const [date, time] = m[2]!.split("T") as [string, string];
  const [h, min, s, ms] = time.slice(0, -1).split("-");
  const at = Date.parse(`${date}T${h}:${min}:${s}.${ms}Z`);
  return Number.isNaN(at) ? null : { database: m[1]!, at };
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
}

/** Good backups in `dir` (of `database` when given), newest first. A missing directory has none. */
export async function listGoodBackups(dir: string, database?: string): Promise<GoodBackup[]> {
  const all = new Set(await names(dir));
  const good: GoodBackup[] = [];
  for (const name of all) {
    const parsed = parseBackupName(name);
    if (!parsed || !all.has(`${name}.sha256`)) continue;
    if (database !== undefined && parsed.database !== database) continue;
    good.push({ file: join(dir, name), ...parsed });
  }
  return good.sort((a, b) => b.at - a.at);
}

export async function newestGoodBackup(dir: string, database?: string): Promise<GoodBackup | null> {
  return (await listGoodBackups(dir, database))[0] ?? null;
}

/**
 * Keeps the newest `keep` good backups of `database` and deletes the rest (sidecar first: a pair half deleted is no
 * longer "good"), plus day-old leftovers of interrupted runs. Returns the deleted dump paths.
 */
export async function rotateBackups(
  dir: string,
  database: string,
  keep: number,
  now = Date.now(),
): Promise<string[]> {
  const good = await listGoodBackups(dir, database);
  const deleted: string[] = [];
  for (const old of good.slice(keep)) {
    await rm(sidecarOf(old.file), { force: true });
    await rm(old.file, { force: true });
    deleted.push(old.file);
  }
  const present = new Set(await names(dir));
  for (const name of present) {
    const orphanSidecar = name.endsWith(".dump.sha256") && !present.has(name.slice(0, -".sha256".length));
    if (!orphanSidecar && !name.endsWith(".partial")) continue;
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > LEFTOVER_MS) await rm(path, { force: true });
  }
  return deleted;
}
