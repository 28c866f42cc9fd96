/**
 * A target's memory after a forced full GC, read through the V8 inspector: the bench starts the target with
 * `--inspect=127.0.0.1:0` (loopback, random port) and, at each measuring point, connects, runs
 * `HeapProfiler.collectGarbage` and evaluates `process.memoryUsage()`. Nothing in the target's code changes.
 */
import { WebSocket } from "ws";

/** `process.memoryUsage()` of the target right after a forced full GC, in MB. */
export interface GcMemory {
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
  arrayBuffersMb: number;
}

/** Node flag for targets whose memory the bench reads. */
export const INSPECT_ARG = "--inspect=127.0.0.1:0";

/** The inspector's WebSocket URL from the child's `Debugger listening on ws://…` line. */
export function inspectorUrl(output: readonly string[]): string | undefined {
  for (const line of output) {
    const m = /Debugger listening on (ws:\/\/\S+)/.exec(line);
    if (m) return m[1];
  }
  return undefined;
}

const MB = 2 ** 20;

/** Forces a full GC in the inspected process and returns `process.memoryUsage()` right after it, in MB. */
export function memoryAfterGc(url: string, timeoutMs = 15_000): Promise<GcMemory> {
  const ws = new WebSocket(url);
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  let id = 0;
  const call = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => {
      pending.set(++id, (m) =>
        m.error ? reject(new Error(`${method}: ${m.error.message}`)) : resolve(m.result),
      );
      ws.send(JSON.stringify({ id, method, params }));
    });
  ws.on("message", (data: Buffer) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
    if (m.id !== undefined) pending.get(m.id)?.(m);
  });
  const run = async (): Promise<GcMemory> => {
    await new Promise<void>((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    await call("HeapProfiler.collectGarbage");
    const res = (await call("Runtime.evaluate", {
      expression: "JSON.stringify(process.memoryUsage())",
      returnByValue: true,
    })) as { result: { value: string } };
    const u = JSON.parse(res.result.value) as NodeJS.MemoryUsage;
    return {
      rssMb: u.rss / MB,
      heapUsedMb: u.heapUsed / MB,
      heapTotalMb: u.heapTotal / MB,
      externalMb: u.external / MB,
      arrayBuffersMb: u.arrayBuffers / MB,
    };
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`inspector: no memory reading within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
  });
  return Promise.race([run(), timeout]).finally(() => {
    clearTimeout(timer);
    ws.terminate();
  });
}
