/**
 * The pieces `pnpm start` (start-stack.ts) and `pnpm start:cluster` (start-cluster.ts) share: child processes whose
 * output is prefixed and passed through, one of them exiting stops them all, Ctrl-C stops everything; and a wait
 * for an HTTP probe.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

export interface ProcessGroup {
  /** Starts `node <args>` with `env` over the current environment. */
  run(name: string, args: string[], env?: NodeJS.ProcessEnv): ChildProcess;
  /** Watches a process started elsewhere (the gateway's nginx): its exit stops the stack too. */
  adopt(name: string, child: ChildProcess): void;
  /** Runs before the children are signalled (e.g. stopping the gateway first, so it stops taking requests). */
  onStop(fn: () => void): void;
  stop(code?: number): void;
  readonly stopping: boolean;
}

export function createProcessGroup(): ProcessGroup {
  const children: ChildProcess[] = [];
  const hooks: Array<() => void> = [];
  let stopping = false;
  const stop = (code = 0): void => {
    if (stopping) return;
    stopping = true;
    for (const hook of hooks) hook();
    for (const c of children) c.kill("SIGTERM");
    setTimeout(() => process.exit(code), 500).unref();
  };
  const adopt = (name: string, child: ChildProcess): void => {
    for (const stream of [child.stdout, child.stderr])
      if (stream)
        createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
    child.on("exit", (code, signal) => {
      if (!stopping) {
        console.error(`[${name}] exited (${signal ?? code}); stopping the stack`);
        stop(1);
      }
    });
    children.push(child);
  };
  process.on("SIGINT", () => stop());
  process.on("SIGTERM", () => stop());
  return {
    run(name, args, env = {}) {
      const child = spawn(process.execPath, args, {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      adopt(name, child);
      return child;
    },
    adopt,
    onStop: (fn) => void hooks.push(fn),
    stop,
    get stopping() {
      return stopping;
    },
  };
}

/** Resolves true once `url` answers 2xx (every 250 ms, up to `timeoutMs`), false on timeout or when `stopped()`. */
export async function waitForHttp(url: string, timeoutMs: number, stopped: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopped()) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}
