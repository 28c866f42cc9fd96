/**
 * Idle memory per authenticated socket on the BFF: a forced full GC and `process.memoryUsage()` through the
 * inspector (src/heap-probe.ts), N sockets that complete the authenticated handshake and subscribe to nothing, 2 s,
 * the same reading again; the difference ÷ N. Both readings are after a full GC, so only what the sockets keep alive
 * counts (heap), plus what the process holds for them outside the heap (RSS).
 */
import { sleep } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { fmt } from "./format.ts";
import { memoryAfterGc } from "./heap-probe.ts";
import { workersFor } from "./load-merge.ts";
import { LoadPool } from "./load-pool.ts";
import type { IdleMemory } from "./results.ts";
import { bffClients, type StartedTarget } from "./targets.ts";

/** KB per socket from two readings in MB. */
export const kbPerSocket = (beforeMb: number, afterMb: number, sockets: number): number =>
  sockets > 0 ? ((afterMb - beforeMb) * 1024) / sockets : Number.NaN;

export async function measureIdleMemory(
  ctx: BenchContext,
  bff: StartedTarget,
  sockets: number,
): Promise<IdleMemory | { error: string }> {
  const { opts, log } = ctx;
  if (!bff.inspectorUrl) return { error: "the BFF's inspector URL was not found" };
  log(`idle memory: ${sockets} authenticated sockets, no subscriptions`);
  const pool = new LoadPool(ctx.live, workersFor(sockets, opts.clientsPerWorker, opts.maxWorkers));
  try {
    const before = await memoryAfterGc(bff.inspectorUrl);
    const conn = await pool.connect(
      {
        mode: "idle",
        url: bff.url,
        headers: bff.headers,
        sets: Array.from({ length: sockets }, () => []),
        connectBatch: opts.connectBatch,
        connectTimeoutMs: 20_000,
        connectBudgetMs: 60_000,
      },
      120_000,
    );
    await sleep(2000);
    const after = await memoryAfterGc(bff.inspectorUrl);
    const held = await bffClients(bff);
    const result: IdleMemory = {
      requested: sockets,
      connected: conn.connected,
      held,
      before,
      after,
      heapKbPerSocket: kbPerSocket(before.heapUsedMb, after.heapUsedMb, conn.connected),
      rssKbPerSocket: kbPerSocket(before.rssMb, after.rssMb, conn.connected),
    };
    log(
      `idle memory: ${conn.connected} sockets → ${fmt(result.heapKbPerSocket, 2)} KB heap, ` +
        `${fmt(result.rssKbPerSocket, 2)} KB RSS per socket`,
    );
    return result;
  } catch (e) {
    return { error: (e as Error).message.split("\n")[0] ?? "idle memory failed" };
  } finally {
    await pool.close();
  }
}
