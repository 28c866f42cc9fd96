/**
 * One capacity step: N load clients (spread over load processes) connect to the target, warm up, and are measured for
 * `--duration` seconds; every process's CPU time is read at both ends of the window; then the clients leave.
 */
import { cpuDelta, cpuUsPerUpdate, verdictOf } from "./capacity.ts";
import { sleep } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { startCpuProfile, startHeapProfile } from "./cpu-profile.ts";
import { cpuSeconds, ownCpuSeconds } from "./cpu-time.ts";
import type { FeedProbe } from "./feed-probe.ts";
import { fmt } from "./format.ts";
import { Histogram } from "./histogram.ts";
import { workersFor } from "./load-merge.ts";
import { LoadPool } from "./load-pool.ts";
import { machineBusyPct, machineCpu } from "./machine.ts";
import type { StepResult } from "./results.ts";
import type { LoadTarget } from "./targets.ts";

export interface StepEnv {
  target: LoadTarget;
  simPid: number;
  probe: FeedProbe;
  /** One asset list per client (at least as many as the step's clients). */
  sets: string[][];
}

export async function runStep(ctx: BenchContext, env: StepEnv, clients: number): Promise<StepResult> {
  const { opts, log } = ctx;
  const workers = workersFor(clients, opts.clientsPerWorker, opts.maxWorkers);
  const pool = new LoadPool(ctx.live, workers);
  const label = `${env.target.label} @ ${clients}`;
  try {
    const conn = await pool.connect(
      {
        mode: env.target.mode,
        url: env.target.url,
        headers: env.target.headers,
        ...(env.target.ca ? { ca: env.target.ca } : {}),
        sets: env.sets.slice(0, clients),
        connectBatch: opts.connectBatch,
        connectTimeoutMs: 20_000,
        connectBudgetMs: 60_000,
      },
      120_000,
    );
    log(
      `${label}: ${conn.connected}/${clients} connected in ${fmt(conn.ms / 1000, 1)} s over ${workers} load process(es)` +
        (conn.failed ? ` (${conn.failed} failed: ${conn.errors.join("; ")})` : ""),
    );
    await sleep(opts.warmup * 1000);
    const groups = { ...env.target.procs(), sim: [env.simPid], "load gen": pool.pids };
    const cpu0 = await cpuSeconds(groups);
    const own0 = ownCpuSeconds();
    const machine0 = machineCpu();
    const profileDir = process.env.BENCH_CPU_PROFILE_DIR;
    const heapDir = process.env.BENCH_HEAP_PROFILE_DIR;
    const inspector = env.target.inspectorUrl;
    const name = `${env.target.label}-${clients}`;
    const stopProfile = !inspector
      ? null
      : profileDir
        ? await startCpuProfile(inspector, profileDir, name)
        : heapDir
          ? await startHeapProfile(inspector, heapDir, name)
          : null;
    env.probe.startWindow();
    pool.measureStart();
    await sleep(opts.duration * 1000);
    const rep = await pool.measureStop();
    if (stopProfile) log(`${label}: profile ${await stopProfile()}`);
    const window = env.probe.stopWindow();
    const cpu1 = await cpuSeconds(groups);
    const cpu: Record<string, number> = { ...cpuDelta(cpu0, cpu1), orchestrator: ownCpuSeconds() - own0 };
    const serving = env.target.serving.reduce((a, name) => a + (cpu[name] ?? 0), 0);
    const latency = Histogram.deserialize(rep.latency).summary();
    const relay = Histogram.deserialize(rep.relayLatency);
    const verdict = verdictOf({
      requested: clients,
      connected: conn.connected,
      disconnects: rep.disconnects,
      p99Ms: latency.p99,
      updates: rep.updates,
    });
    const step: StepResult = {
      clients,
      connected: conn.connected,
      connectErrors: conn.errors,
      connectSeconds: conn.ms / 1000,
      disconnects: rep.disconnects,
      seconds: rep.seconds,
      updates: rep.updates,
      updatesPerSec: rep.updates / rep.seconds,
      messagesPerSec: rep.messages / rep.seconds,
      perClientPerSec: {
        min: rep.perClient.min / rep.seconds,
        max: rep.perClient.max / rep.seconds,
        mean: rep.perClient.n ? rep.perClient.sum / rep.perClient.n / rep.seconds : Number.NaN,
      },
      latency,
      relayLatency: relay.count ? relay.summary() : null,
      upstreamMsgsPerSec: window.total / window.seconds,
      cpuSeconds: cpu,
      servingCpuSeconds: serving,
      cpuUsPerUpdate: cpuUsPerUpdate(serving, rep.updates),
      loadWorkers: workers,
      loadLoopDelayP99: rep.loopDelay.p99,
      machineBusyPct: machineBusyPct(machine0, machineCpu()),
      pass: verdict.pass,
      reasons: verdict.reasons,
    };
    log(
      `${label}: p99 ${fmt(latency.p99, 0)} ms, ${fmt(step.updatesPerSec, 0)} updates/s, ` +
        `${fmt(step.cpuUsPerUpdate, 2)} µs CPU/update, load gen ${fmt((100 * (cpu["load gen"] ?? 0)) / rep.seconds, 0)} % → ` +
        (verdict.pass ? "pass" : `FAIL (${verdict.reasons.join("; ")})`),
    );
    return step;
  } finally {
    await pool.close();
  }
}
