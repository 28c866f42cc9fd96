import { parseArgs } from "node:util";
import type { BackupConfig } from "./config.ts";
import { createBackup, type BackupResult } from "./backup.ts";
import { BackupError } from "./errors.ts";
import { restoreBackup, type RestoreResult } from "./restore.ts";

export interface BackupCliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  config: BackupConfig & { DATABASE_URL?: string | undefined };
}

const usage = `usage:
  pnpm db:backup [--json]                                   pg_dump DATABASE_URL into BACKUP_DIR, keep BACKUP_KEEP
  pnpm db:restore <file.dump> [--target <url>] [--force] [--json]
      verify the sha256 sidecar, restore into DATABASE_URL (or --target), print row counts;
      --force restores over a database that already holds tables`;

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function backupReport(r: BackupResult): string {
  const lines = [`backup ok: ${r.file}`, `  ${size(r.bytes)}, sha256 ${r.sha256}, ${secs(r.durationMs)}`];
  for (const d of r.deleted) lines.push(`  rotated out: ${d}`);
  return `${lines.join("\n")}\n`;
}

function restoreReport(r: RestoreResult): string {
  const width = Math.max(5, ...Object.keys(r.counts).map((t) => t.length));
  const rows = Object.entries(r.counts).map(([t, n]) => `  ${t.padEnd(width)}  ${n}`);
  return [
    `restore ok: ${r.file} → ${r.target} (sha256 verified, ${secs(r.durationMs)})`,
    `  ${"table".padEnd(width)}  rows`,
    ...rows,
    "",
  ].join("\n");
}

/** Runs `backup` or `restore <file>`; returns the exit code (0 ok, 1 failed, 2 usage). */
export async function runBackupCli(argv: string[], io: BackupCliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: "string" },
        force: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
    const [command, file, extra] = positionals;
    const { config } = io;
    const print = <T>(result: T, human: (r: T) => string) =>
      io.stdout.write(values.json ? `${JSON.stringify(result)}\n` : human(result));
    if (command === "backup" && file === undefined) {
      const result = await createBackup({
        databaseUrl: config.DATABASE_URL,
        dir: config.BACKUP_DIR,
        keep: config.BACKUP_KEEP,
        pgBinDir: config.BACKUP_PG_BIN_DIR,
      });
      print(result, backupReport);
      return 0;
    }
    if (command === "restore" && file !== undefined && extra === undefined) {
      const result = await restoreBackup({
        file,
        targetUrl: values.target ?? config.DATABASE_URL,
        force: values.force,
        pgBinDir: config.BACKUP_PG_BIN_DIR,
      });
      print(result, restoreReport);
      return 0;
    }
    throw new BackupError(
      "BACKUP_USAGE",
      command === "restore" ? "restore needs exactly one dump file" : usage,
      "argv",
    );
  } catch (err) {
    if (err instanceof BackupError) {
      io.stderr.write(
        `error ${err.code}: ${err.message}\n${err.code === "BACKUP_USAGE" && !err.message.startsWith("usage") ? `${usage}\n` : ""}`,
      );
      return err.code === "BACKUP_USAGE" ? 2 : 1;
    }
    // parseArgs throws TypeErrors with a code for unknown or malformed options: a usage error too.
    const code = (err as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      io.stderr.write(`error BACKUP_USAGE: ${(err as Error).message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import("../env.ts");
  const config = loadConfig();
  const { stdout, stderr } = process;
  process.exitCode = await runBackupCli(process.argv.slice(2), { stdout, stderr, config });
}
