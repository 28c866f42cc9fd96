import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { appendFile, chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Throwaway PostgreSQL clusters for tests, built with the machine's own binaries: a primary from `initdb` and a
 * streaming hot standby from `pg_basebackup -R`, each on a free port in a temp directory. initdb refuses root, so
 * under root every command runs as the `postgres` OS user (runuser).
 */

/** The newest installed PostgreSQL's bin directory (Debian layout), or undefined. */
export function pgBinDir(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], "bin") : undefined;
}

/** Why clusters cannot be built here, or undefined when they can. */
export function clusterUnavailable(): string | undefined {
  if (!pgBinDir())
    return "no PostgreSQL binaries under /usr/lib/postgresql/*/bin (initdb, pg_ctl, pg_basebackup)";
  if (process.getuid?.() === 0) {
    if (!existsSync("/usr/sbin/runuser") && !existsSync("/sbin/runuser"))
      return "running as root and runuser is missing (initdb refuses root)";
    if (!osUser("postgres")) return "running as root and there is no `postgres` OS user to run initdb as";
  }
  return undefined;
}

/** The OS user's uid and gid (`id`), or undefined when there is no such user. */
function osUser(name: string): { uid: number; gid: number } | undefined {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, name], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary (as `postgres` under root), bounded by `timeoutMs`. */
async function pg(bin: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const dir = pgBinDir();
  if (!dir) throw new Error("no PostgreSQL binaries");
  const file = join(dir, bin);
  const [cmd, argv] = asRoot() ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  try {
    const { stdout } = await run(cmd, argv, { timeout: timeoutMs });
    return stdout;
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new Error(`${bin} ${args.join(" ")} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export interface PgServer {
  port: number;
  dir: string;
  url: string;
  start(): Promise<void>;
  /** `immediate`: a crash (no shutdown checkpoint), as when a host dies. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
}

function server(root: string, name: string, port: number): PgServer {
  const dir = join(root, name);
  const log = join(root, `${name}.log`);
  return {
    port,
    dir,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start: async () => {
      await pg("pg_ctl", ["-D", dir, "-l", log, "-w", "-t", "60", "start"], 70_000);
    },
    stop: async (mode = "fast") => {
      await pg("pg_ctl", ["-D", dir, "-m", mode, "-w", "-t", "60", "stop"], 70_000);
    },
  };
}

export interface PgReplicaPair {
  root: string;
  primary: PgServer;
  replica: PgServer;
  /** Stops both (immediate, errors ignored: either may be down already) and removes the directory. */
  destroy(): Promise<void>;
}

/**
 * initdb a primary (wal_level=replica, wal senders, trust incl. replication from 127.0.0.1), start it, clone it with
 * `pg_basebackup -R -X stream` into a hot standby on another port, start that. Everything under one temp directory;
 * a failure half-way destroys what was built.
 */
export async function startReplicaPair(): Promise<PgReplicaPair> {
  const root = await mkdtemp(join(tmpdir(), "pregao-pg-"));
  const owner = asRoot() ? osUser("postgres") : undefined;
  if (owner) await chown(root, owner.uid, owner.gid);
  const primary = server(root, "primary", await freePort());
  const replica = server(root, "replica", await freePort());
  const destroy = async () => {
    for (const s of [replica, primary]) await s.stop("immediate").catch(() => undefined);
    await rm(root, { recursive: true, force: true });
  };
  try {
    await pg("initdb", ["-D", primary.dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
    // Test settings: durability off (fsync), quick standby reconnects, few connections; the socket in our dir.
    await appendFile(
      join(primary.dir, "postgresql.conf"),
      [
        `port = ${primary.port}`,
        `listen_addresses = '127.0.0.1'`,
        `unix_socket_directories = '${root}'`,
        "wal_level = replica",
        "max_wal_senders = 5",
        "wal_keep_size = '64MB'",
        "hot_standby = on",
        "fsync = off",
        "synchronous_commit = off",
        "full_page_writes = off",
        "max_connections = 40",
        "shared_buffers = '16MB'",
        "wal_retrieve_retry_interval = '200ms'",
        "wal_receiver_status_interval = '1s'",
        "",
      ].join("\n"),
    );
    await primary.start();
    await pg("pg_basebackup", [
      "-h",
      "127.0.0.1",
      "-p",
      String(primary.port),
      "-U",
      "postgres",
      "-D",
      replica.dir,
      "-R",
      "-X",
      "stream",
      "--checkpoint=fast",
    ]);
    // The copied postgresql.conf says the primary's port; a later line wins.
    await appendFile(join(replica.dir, "postgresql.conf"), `port = ${replica.port}\n`);
    await replica.start();
    return { root, primary, replica, destroy };
  } catch (err) {
    await destroy();
    throw err;
  }
}
