/**
 * One wave of load clients against a running target: connect → warm-up → measure window → every client leaves →
 * 5 s → RSS. The BFF runs several waves on one process, so memory after each wave can be compared.
 */
import { sleep } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { delta, flatten } from "./counters.ts";
import type { FeedProbe, WindowCounts } from "./feed-probe.ts";
import { startClients, type LoadDriver } from "./load-driver.ts";
import type { ChildMessage, LoadReport, ParentMessage } from "./load-clients.ts";
import { machineBusyPct, machineCpu } from "./machine.ts";
import { getJson } from "./net.ts";
import { fmt } from "./format.ts";
import type { TargetKind } from "./results.ts";
import type { Sampler } from "./sampler.ts";
import type { Connected } from "./summarise.ts";
import type { StartedTarget } from "./targets.ts";

/** Sampler phase names: wave 1 keeps the bare names the summary reads; later waves are prefixed `w<n>:`. */
export const phaseOf = (wave: number, name: string) => (wave === 1 ? name : `w${wave}:${name}`);

/** The wave a sampler phase belongs to; null for the idle phase before any client. */
export function waveOf(phase: string): number | null {
  if (phase === "idle") return null;
  const m = /^w(\d+):/.exec(phase);
  return m ? Number(m[1]) : 1;
}

export interface WaveSetup {
  wave: number;
  label: string;
  kind: TargetKind;
  target: StartedTarget;
  sets: string[][];
  sampler: Sampler;
  probe: FeedProbe;
}

export interface WaveOutcome {
  conn: Connected;
  window: WindowCounts;
  /** Whole-machine CPU busy % during the window. */
  busy: number;
  statsDelta: Record<string, number>;
  rep: LoadReport;
  /** Target RSS 5 s after the last client left. */
  rssAfter: number;
}

export async function runWave(ctx: BenchContext, w: WaveSetup): Promise<WaveOutcome> {
  const phase = (name: string) => (w.sampler.phase = phaseOf(w.wave, name));
  const label = w.wave === 1 ? w.label : `${w.label} wave ${w.wave}`;
  phase("connect");
  const clients = startClients(ctx.live);
  let m: Awaited<ReturnType<typeof measure>>;
  let conn: Connected;
  try {
    conn = await connect(ctx, label, clients, w);
    phase("warmup");
    await sleep(ctx.opts.warmup * 1000);
    m = await measure(ctx, label, clients, w, phase);
    phase("leaving");
    await leave(clients);
  } finally {
    await ctx.live.stop(clients.proc);
    w.sampler.unwatch("clients");
  }
  phase("after");
  await sleep(5000);
  const rssAfter = await w.sampler.rssNow("target");
  const statsDelta = delta(m.statsBefore, m.statsAfter);
  return { conn, window: m.window, busy: m.busy, statsDelta, rep: m.rep, rssAfter };
}

async function connect(
  ctx: BenchContext,
  label: string,
  clients: LoadDriver,
  w: WaveSetup,
): Promise<Connected> {
  w.sampler.watch("clients", clients.proc.pid);
  const config = {
    mode: w.kind,
    url: w.target.url,
    headers: w.target.headers,
    sets: w.sets,
    connectBatch: ctx.opts.connectBatch,
    connectTimeoutMs: 20_000,
    connectBudgetMs: 60_000,
  };
  clients.proc.child.send({ cmd: "start", config } satisfies ParentMessage);
  const conn = (await clients.next("connected", 120_000)) as Connected;
  ctx.log(
    `${label}: ${conn.connected}/${ctx.opts.clients} clients connected in ${fmt(conn.ms / 1000, 1)} s` +
      (conn.failed ? ` (${conn.failed} failed: ${conn.errors.join("; ")})` : ""),
  );
  if (conn.connected === 0) throw new Error(`no client connected: ${conn.errors.join("; ")}`);
  return conn;
}

/** The measurement window: probe, clients and the target's counters over the same `--duration` seconds. */
async function measure(
  ctx: BenchContext,
  label: string,
  clients: LoadDriver,
  w: WaveSetup,
  phase: (name: string) => void,
) {
  const stats = async () => flatten(await getJson(w.target.statsUrl, w.target.headers).catch(() => ({})));
  const cpuBefore = machineCpu();
  const statsBefore = await stats();
  w.probe.startWindow();
  clients.proc.child.send({ cmd: "measure-start" } satisfies ParentMessage);
  phase("measure");
  ctx.log(`${label}: measuring for ${ctx.opts.duration} s`);
  await sleep(ctx.opts.duration * 1000);
  clients.proc.child.send({ cmd: "measure-stop" } satisfies ParentMessage);
  const window = w.probe.stopWindow();
  const busy = machineBusyPct(cpuBefore, machineCpu());
  phase("drain");
  const statsAfter = await stats();
  const rep = ((await clients.next("report", 30_000)) as Extract<ChildMessage, { evt: "report" }>).report;
  return { window, busy, statsBefore, statsAfter, rep };
}

/** Every client disconnects and the load process exits (at most ≈ 35 s). */
async function leave(clients: LoadDriver): Promise<void> {
  const { child } = clients.proc;
  child.send({ cmd: "disconnect" } satisfies ParentMessage);
  await clients.next("disconnected", 30_000).catch(() => undefined);
  await new Promise<void>((r) => {
    if (child.exitCode !== null) r();
    else child.once("exit", () => r());
    setTimeout(r, 5000).unref();
  });
}
