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

/** What is running for one target, so `finally` can stop it whatever step failed. */
interface Running {
  sim?: Service;
  probe?: FeedProbe;
  target?: StartedTarget;
}

export async function runTarget(ctx: BenchContext, kind: TargetKind, rate: number): Promise<TargetResult> {
  const { opts, log, live } = ctx;
  const label = labels[kind];
  log(`── ${label}: starting sim (${rate} events/s)`);
  const sampler = new Sampler(500);
  const run: Running = {};
  try {
    const { sim, probe, target, sets } = await setUp(ctx, kind, rate, run);
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
    return collect(ctx, { kind, label, sets, sampler, waves, memory, rssBefore });
  } catch (e) {
    log(`${label} failed: ${(e as Error).message}`);
    return failed(kind, label, opts.clients, (e as Error).message);
  } finally {
    sampler.stop();
    run.probe?.close();
    await live.stop(run.target?.proc);
    run.target?.cleanup();
    await live.stop(run.sim);
  }
}

/** A fresh sim, the probe on it, each client's asset set, and the target. */
async function setUp(ctx: BenchContext, kind: TargetKind, rate: number, run: Running) {
  const { opts, log } = ctx;
  const sim = (run.sim = await startSim(ctx, rate));
  const probe = (run.probe = new FeedProbe(feedUrl(sim), ctx.feedToken));
  const allAssets = await probe.connect();
  if (allAssets.length < opts.assets)
    log(`warning: the sim lists ${allAssets.length} assets, fewer than --assets ${opts.assets}`);
  const assets = allAssets.slice(0, opts.assets);
  const sets = assignAssets(assets, opts.clients, Math.min(opts.assetsPerClient, assets.length), opts.seed);
  const target = (run.target = await startTarget(ctx, kind, sim, assets));
  return { sim, probe, target, sets };
}

/** The table's figures from wave 1, RSS over every wave, and the memory points with their growth. */
function collect(
  ctx: BenchContext,
  r: {
    kind: TargetKind;
    label: string;
    sets: string[][];
    sampler: Sampler;
    waves: WaveOutcome[];
    memory: MemoryPoint[];
    rssBefore: number;
  },
): TargetResult {
  const first = r.waves[0]!;
  const result = summarise({
    ...first,
    kind: r.kind,
    label: r.label,
    clientsRequested: ctx.opts.clients,
    sets: r.sets,
    sampler: r.sampler,
  });
  result.machineBusyPct = first.busy;
  result.rssMb.beforeClients = r.rssBefore;
  result.rssMb.afterClientsLeft = first.rssAfter;
  result.rssMb.growth = first.rssAfter - r.rssBefore;
  result.memory = r.memory;
  result.memoryGrowth = growthAcrossWaves(r.memory);
  result.waves = r.waves.map((w, i) => waveSummary(i + 1, w, r.sampler));
  return result;
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
  const stats = flatten(await getJson(target.statsUrl, target.headers).catch(() => ({})));
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
