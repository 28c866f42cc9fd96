import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** A child process started by a cluster test: its output is kept for failure messages. */
export interface Child {
  readonly child: ChildProcess;
  readonly output: string[];
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  readonly exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): void;
}

function track(child: ChildProcess): Child {
  const output: string[] = [];
  const keep = (line: string) => {
    output.push(line);
    if (output.length > 300) output.shift();
  };
  if (child.stdout) createInterface({ input: child.stdout }).on("line", keep);
  if (child.stderr) createInterface({ input: child.stderr }).on("line", keep);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output, exited, kill: (signal = "SIGTERM") => void child.kill(signal) };
}

/**
 * `node --import tsx bff/src/index.ts` with `env`: the production entry point (config, signals, drain), resolving once
 * it logs `listening` with its port.
 */
export async function spawnBff(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Child & { port: number }> {
  const proc = track(
    spawn(process.execPath, ["--import", "tsx", "bff/src/index.ts"], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`bff did not listen within ${timeoutMs} ms`)), timeoutMs);
    const done = (err: Error | null, port?: number) => {
      clearTimeout(timer);
      if (err) {
        proc.kill("SIGKILL");
        reject(new Error(`${err.message}\n${proc.output.slice(-30).join("\n")}`));
      } else resolve(port!);
    };
    void proc.exited.then((code) => done(new Error(`bff exited with ${code}`)));
    if (!proc.child.stdout) return done(new Error("no stdout"));
    createInterface({ input: proc.child.stdout }).on("line", (line) => {
      try {
        const parsed = JSON.parse(line) as { msg?: string; port?: number };
        if (parsed.msg === "listening" && typeof parsed.port === "number") done(null, parsed.port);
      } catch {
        // not a log line
      }
    });
  });
  return { ...proc, port };
}

/** A private redis-server on `port` that keeps nothing on disk (so a restart loses everything, as in CI). */
export function spawnRedis(port: number): Child {
  return track(
    spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    ),
  );
}
