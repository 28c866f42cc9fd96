/**
 * Runs one target: a fresh sim (same seed and rate) → the target → 2 s idle (RSS "before") → one or more client
 * waves (src/wave.ts) on the same target process, memory read after each → everything stopped.
 */
import { assignAssets, sleep } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { flatten, pick } from "./counters.ts";
import { FeedProbe } from "./feed-probe.ts";
import { memoryAfterGc } from "./heap-probe.ts";
import { Histogram } from "./histogram.ts";
import { growthAcrossWaves, type MemoryPoint } from "./memory.ts";
import { getJson } from "./net.ts";
import { wavesFor } from "./options.ts";
import type { Service } from "./procs.ts";
import type { TargetKind, TargetResult, WaveSummary } from "./results.ts";
import { Sampler } from "./sampler.ts";
import { feedUrl, startSim } from "./sim.ts";
import { cpuStats, failed, summarise } from "./summarise.ts";
import { startTarget, type StartedTarget } from "./targets.ts";
import { phaseOf, runWave, waveOf, type WaveOutcome } from "./wave.ts";

const labels: Record<TargetKind, string> = { raw: "raw ws relay", bff: "BFF" };

export async function runTarget(ctx: BenchContext, kind: TargetKind, rate: number): Promise<TargetResult> {
  const { opts, log, live } = ctx;
  const label = labels[kind];
  log(`── ${label}: starting sim (${rate} events/s)`);
  const sampler = new Sampler(500);
  let sim: Service | undefined;
  let probe: FeedProbe | undefined;
  let target: StartedTarget | undefined;
  try {
    sim = await startSim(ctx, rate);
    probe = new FeedProbe(feedUrl(sim), ctx.feedToken);
    const allAssets = await probe.connect();
    if (allAssets.length < opts.assets)
      log(`warning: the sim lists ${allAssets.length} assets, fewer than --assets ${opts.assets}`);
    const assets = allAssets.slice(0, opts.assets);
    const sets = assignAssets(assets, opts.clients, Math.min(opts.assetsPerClient, assets.length), opts.seed);
    target = await startTarget(ctx, kind, sim, assets);

    sampler.watch("target", target.proc.pid);
    sampler.watch("sim", sim.pid);
    sampler.start();
    sampler.phase = "idle";
    await sleep(2000);
    const idle = sampler.of("target", "idle");
    const rssBefore = idle.length ? idle[idle.length - 1]!.rssMb : await sampler.rssNow("target");
    const memory = [await memoryPoint(ctx, target, "before clients", rssBefore)];

    const waves: WaveOutcome[] = [];
    for (let wave = 1; wave <= wavesFor(opts, kind); wave++) {
      waves.push(await runWave(ctx, { wave, label, kind, target, sets, sampler, probe }));
      memory.push(await memoryPoint(ctx, target, `after wave ${wave} left`, waves.at(-1)!.rssAfter));
    }
    sampler.stop();

    const first = waves[0]!;
    const s = { kind, label, clientsRequested: opts.clients, rep: first.rep, conn: first.conn, sets };
    const result = summarise({ ...s, window: first.window, statsDelta: first.statsDelta, sampler });
    result.machineBusyPct = first.busy;
    result.rssMb.beforeClients = rssBefore;
    result.rssMb.afterClientsLeft = first.rssAfter;
    result.rssMb.growth = first.rssAfter - rssBefore;
    result.memory = memory;
    result.memoryGrowth = growthAcrossWaves(memory);
    result.waves = waves.map((w, i) => waveSummary(i + 1, w, sampler));
    return result;
  } catch (e) {
    log(`${label} failed: ${(e as Error).message}`);
    return failed(kind, label, opts.clients, (e as Error).message);
  } finally {
    sampler.stop();
    probe?.close();
    await live.stop(target?.proc);
    await live.stop(sim);
  }
}

/** RSS as sampled, then a forced full GC and `process.memoryUsage()`, plus the sessions the target still holds. */
async function memoryPoint(
  ctx: BenchContext,
  target: StartedTarget,
  at: string,
  rssMb: number,
): Promise<MemoryPoint> {
  const gc = target.inspectorUrl
    ? await memoryAfterGc(target.inspectorUrl).catch((e: Error) => {
        ctx.log(`warning: heap reading failed (${e.message})`);
        return null;
      })
    : null;
  const stats = flatten(await getJson(target.statsUrl).catch(() => ({})));
  return { at, rssMb, gc, clientsHeld: pick(stats, "clients") };
}

function waveSummary(wave: number, w: WaveOutcome, sampler: Sampler): WaveSummary {
  const latency = Histogram.deserialize(w.rep.latency).summary();
  const rss = sampler
    .of("target")
    .filter((s) => waveOf(s.phase) === wave)
    .map((s) => s.rssMb);
  return {
    wave,
    clientsConnected: w.conn.connected,
    connectSeconds: w.conn.ms / 1000,
    deliveredPerSec: w.rep.updates / w.rep.seconds,
    latencyP50: latency.p50,
    latencyP99: latency.p99,
    cpuAvg: cpuStats(sampler.of("target", phaseOf(wave, "measure"))).avg,
    rssPeakMb: rss.length ? Math.max(...rss) : Number.NaN,
    rssAfterMb: w.rssAfter,
  };
}
