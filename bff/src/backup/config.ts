import { fileURLToPath } from "node:url";
import { z } from "zod";

const defaultBackupDir = fileURLToPath(new URL("../../data/backups", import.meta.url));

/** Backup, restore and backup-age settings; spread into `configSchema` in env.ts (the only reader of process.env). */
export const backupConfigShape = {
  /** Where `pnpm db:backup` writes `pregao-<db>-<UTC time>.dump` + `.sha256`; the `backup` health check reads it too. */
  BACKUP_DIR: z.string().min(1).default(defaultBackupDir),
  /** Good backups kept per database; older ones are deleted after each successful backup. */
  BACKUP_KEEP: z.coerce.number().int().min(1).default(14),
  /** `/health/ready` warns (degraded, never fails) when the newest good backup is older than this. Unset → no check. */
  BACKUP_MAX_AGE_HOURS: z.coerce.number().positive().optional(),
  /** Directory holding pg_dump/pg_restore (e.g. /usr/lib/postgresql/16/bin) when PATH has an older major. */
  BACKUP_PG_BIN_DIR: z.string().min(1).optional(),
} as const;

export type BackupConfig = z.infer<z.ZodObject<typeof backupConfigShape>>;
