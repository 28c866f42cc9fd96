/** Child processes of the bench: spawn `node --import tsx <entry>`, wait for the JSON log line carrying `port`. */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** Last lines of stdout/stderr, for error messages. */
  output: string[];
  stop(): Promise<void>;
}

export interface Service extends Proc {
  port: number;
  /** The fields of the line that reported the port (e.g. the sim's `servicesUrl`). */
  ready: Record<string, unknown>;
}

export function spawnNode(
  name: string,
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { ipc?: boolean; nodeArgs?: string[] } = {},
): Proc {
  const stdio: StdioOptions = opts.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio,
  });
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 60) output.shift();
  };
  createInterface({ input: child.stderr! }).on("line", keep);
  createInterface({ input: child.stdout! }).on("line", keep);
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3_000).unref();
    });
  return { name, child, pid: child.pid!, output, stop };
}

/** Spawns a service and resolves once it logs a JSON line with a numeric `port` (pino style). */
export function startService(
  name: string,
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 30_000,
  nodeArgs: string[] = [],
): Promise<Service> {
  const proc = spawnNode(name, entry, args, env, { nodeArgs });
  return new Promise((resolve, reject) => {
    const fail = (msg: string) => {
      clearTimeout(timer);
      void proc.stop();
      reject(new Error(`${msg}\n--- ${name} output (last lines) ---\n${proc.output.slice(-20).join("\n")}`));
    };
    const timer = setTimeout(
      () => fail(`${name} did not report a port within ${timeoutMs / 1000} s`),
      timeoutMs,
    );
    const onExit = (code: number | null) => fail(`${name} exited early (code ${code})`);
    proc.child.once("exit", onExit);
    createInterface({ input: proc.child.stdout! }).on("line", (line) => {
      const port = portFrom(line);
      if (port === undefined) return;
      clearTimeout(timer);
      proc.child.off("exit", onExit);
      resolve({ ...proc, port, ready: JSON.parse(line) as Record<string, unknown> });
    });
  });
}

export function portFrom(line: string): number | undefined {
  if (!line.includes('"port"')) return undefined;
  try {
    const parsed = JSON.parse(line) as { port?: unknown };
    return typeof parsed.port === "number" && parsed.port > 0 ? parsed.port : undefined;
  } catch {
    return undefined;
  }
}

/** Every process the run has started, so a failure or Ctrl-C leaves nothing behind. */
export class LiveProcs {
  private readonly procs = new Set<Proc>();

  add<P extends Proc>(p: P): P {
    this.procs.add(p);
    return p;
  }

  /** Stops one process (no-op for undefined) and forgets it. */
  async stop(p: Proc | undefined): Promise<void> {
    if (!p) return;
    await p.stop();
    this.procs.delete(p);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.procs].map((p) => p.stop()));
    this.procs.clear();
  }
}
