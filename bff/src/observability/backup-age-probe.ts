import type { Probe, ProbeOutcome } from "./health-probes.ts";

/** The newest completed backup as the probe sees it (backup/catalog.ts `newestGoodBackup`). */
export interface NewestBackup {
  file: string;
  /** When it was taken (epoch ms, from its name). */
  at: number;
}

export interface BackupAgeProbeOptions {
  /** Reads BACKUP_DIR (a directory listing: cheap, and only every HEALTH_PROBE_MS). */
  newest(): Promise<NewestBackup | null>;
  maxAgeHours: number;
  /** Where the backups are looked for, named in the output. */
  dir: string;
  /** Why no backup can exist at all (e.g. the BFF runs on PGlite): the check warns with it and reads nothing. */
  impossible?: string | undefined;
  /** Seconds since the newest good backup, -1 when none (the `pregao_backup_age_seconds` gauge). */
  onAge?(seconds: number): void;
  now?: () => number;
}

const hours = (ms: number) => `${(ms / 3600_000).toFixed(1)} h`;

/**
 * `backup`: warns when the newest good backup (dump + checksum sidecar) is older than BACKUP_MAX_AGE_HOURS, or when
 * there is none. Never critical: an old backup puts data at risk on the next loss, it does not stop traders.
 */
export function backupAgeProbe(options: BackupAgeProbeOptions): Probe {
  const now = options.now ?? Date.now;
  const maxMs = options.maxAgeHours * 3600_000;
  return {
    name: "backup",
    critical: false,
    runbook: "backup-stale",
    async run(): Promise<ProbeOutcome> {
      if (options.impossible) {
        options.onAge?.(-1);
        return { status: "warn", output: options.impossible };
      }
      let newest: NewestBackup | null;
      try {
        newest = await options.newest();
      } catch (err) {
        options.onAge?.(-1);
        return { status: "warn", output: `cannot read ${options.dir}: ${(err as Error).message}` };
      }
      if (!newest) {
        options.onAge?.(-1);
        return { status: "warn", output: `no good backup in ${options.dir}` };
      }
      const age = Math.max(0, now() - newest.at);
      options.onAge?.(age / 1000);
      if (age <= maxMs) return { status: "pass", output: null };
      return {
        status: "warn",
        output: `newest good backup is ${hours(age)} old (limit ${options.maxAgeHours} h): ${newest.file}`,
      };
    },
  };
}
