import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { BackupError } from "./errors.ts";

export type PgTool = "pg_dump" | "pg_restore";

/** A located client tool and its major version (`pg_dump (PostgreSQL) 15.20` → 15). */
export interface ToolInfo {
  path: string;
  major: number;
}

/**
 * A database URL split for the client tools: the password travels in PGPASSWORD, never on the command line (where
 * `ps` would show it); `display` is safe to print.
 */
export interface ToolConnection {
  dbnameArg: string;
  env: Record<string, string>;
  database: string;
  display: string;
}

export function toolConnection(url: string): ToolConnection {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = "";
  const database = decodeURIComponent(u.pathname.replace(/^\//, "")) || decodeURIComponent(u.username);
  return {
    dbnameArg: u.toString(),
    env: password ? { PGPASSWORD: password } : {},
    database,
    display: `${u.hostname}:${u.port || "5432"}/${database}`,
  };
}

/** `pg_dump (PostgreSQL) 15.20 (Debian …)` → 15; `pg_dump (PostgreSQL) 9.6.24` → 9. */
export function parseToolMajor(versionLine: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionLine);
  return m ? Number(m[1]) : null;
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Finds `tool` in `binDir` (BACKUP_PG_BIN_DIR) or on PATH and reads its version. */
export async function locateTool(
  tool: PgTool,
  binDir?: string,
  pathEnv = process.env.PATH ?? "",
): Promise<ToolInfo> {
  const dirs = binDir ? [binDir] : pathEnv.split(delimiter).filter(Boolean);
  let path: string | undefined;
  for (const dir of dirs) {
    if (await executable(join(dir, tool))) {
      path = join(dir, tool);
      break;
    }
  }
  if (!path)
    throw new BackupError(
      "PG_TOOL_MISSING",
      binDir
        ? `${tool} not found in BACKUP_PG_BIN_DIR=${binDir}`
        : `${tool} not found on PATH: install the PostgreSQL client tools of the server's major version ` +
            `(Debian: postgresql-client-15) or set BACKUP_PG_BIN_DIR (e.g. /usr/lib/postgresql/15/bin)`,
      binDir ? "BACKUP_PG_BIN_DIR" : undefined,
    );
  const { code, stdout, stderr } = await runTool(path, ["--version"]);
  const major = code === 0 ? parseToolMajor(stdout) : null;
  if (major === null)
    throw new BackupError(
      "PG_TOOL_MISSING",
      `${path} --version did not answer as PostgreSQL: ${stderr || stdout}`,
    );
  return { path, major };
}

/**
 * pg_dump refuses a server newer than itself ("server version mismatch"); say so before it runs, with what to
 * install. An older server is fine (pg_dump reads back to 9.2).
 */
export function assertToolCanServe(tool: PgTool, info: ToolInfo, serverMajor: number): void {
  if (info.major >= serverMajor) return;
  throw new BackupError(
    "PG_VERSION_MISMATCH",
    `${tool} ${info.major} (${info.path}) cannot handle PostgreSQL server ${serverMajor}: install ` +
      `postgresql-client-${serverMajor} and set BACKUP_PG_BIN_DIR=/usr/lib/postgresql/${serverMajor}/bin`,
    "BACKUP_PG_BIN_DIR",
  );
}

/** Keeps the last `max` characters of a stream (a failing pg_restore can print a lot; its last lines say why). */
function tail(max: number) {
  let text = "";
  return {
    push: (chunk: Buffer) => {
      text = (text + chunk.toString("utf8")).slice(-max);
    },
    get text() {
      return text.trim();
    },
  };
}

/** Runs a client tool to completion; a spawn failure (ENOENT) is PG_TOOL_MISSING. */
export function runTool(
  path: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    const out = tail(64 * 1024);
    const err = tail(8 * 1024);
    child.stdout.on("data", out.push);
    child.stderr.on("data", err.push);
    child.once("error", (e) =>
      reject(new BackupError("PG_TOOL_MISSING", `cannot run ${path}: ${e.message}`, undefined, { cause: e })),
    );
    child.once("close", (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout: out.text, stderr: err.text || (signal ?? "") }),
    );
  });
}
