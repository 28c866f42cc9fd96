/**
 * A V8 CPU profile of a target over one measuring window, through its inspector (the bench starts BFFs with
 * `--inspect=127.0.0.1:0`). `BENCH_CPU_PROFILE_DIR=/tmp/prof pnpm bench …` writes one `.cpuprofile` per step, for
 * Chrome DevTools or `node --cpu-prof`-style tooling; `BENCH_HEAP_PROFILE_DIR` writes a sampling allocation profile
 * (`.heapprofile`: who allocated what over the window, GC'd or not — where the garbage comes from). Without either
 * nothing is profiled (profiling costs the target CPU).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { WebSocket } from "ws";

interface Session {
  call(method: string, params?: object): Promise<unknown>;
  close(): void;
}

async function open(url: string): Promise<Session> {
  const ws = new WebSocket(url);
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  let id = 0;
  ws.on("message", (data: Buffer) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  return {
    call: (method, params) =>
      new Promise((resolve, reject) => {
        pending.set(++id, (m) =>
          m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result),
        );
        ws.send(JSON.stringify({ id, method, params }));
      }),
    close: () => ws.terminate(),
  };
}

/** The function that stops a profile (`stopMethod`) and writes `<dir>/<name>.<ext>` (returns the path). */
function stopAndWrite(
  session: Session,
  stopMethod: string,
  dir: string,
  file: string,
): () => Promise<string> {
  return async () => {
    try {
      const { profile } = (await session.call(stopMethod)) as { profile: unknown };
      mkdirSync(dir, { recursive: true });
      const path = join(dir, file.replace(/[^\w.-]+/g, "_"));
      writeFileSync(path, JSON.stringify(profile));
      return path;
    } finally {
      session.close();
    }
  };
}

/** Starts profiling now; the returned function stops it and writes `<dir>/<name>.cpuprofile` (returns the path). */
export async function startCpuProfile(
  url: string,
  dir: string,
  name: string,
): Promise<() => Promise<string>> {
  const session = await open(url);
  await session.call("Profiler.enable");
  await session.call("Profiler.setSamplingInterval", { interval: 200 });
  await session.call("Profiler.start");
  return stopAndWrite(session, "Profiler.stop", dir, `${name}.cpuprofile`);
}

/** Starts sampling allocations now; the returned function stops and writes `<dir>/<name>.heapprofile`. */
export async function startHeapProfile(
  url: string,
  dir: string,
  name: string,
): Promise<() => Promise<string>> {
  const session = await open(url);
  await session.call("HeapProfiler.enable");
  // Keep the samples of objects already collected: the question is who allocates, not who retains.
  await session.call("HeapProfiler.startSampling", {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  return stopAndWrite(session, "HeapProfiler.stopSampling", dir, `${name}.heapprofile`);
}
