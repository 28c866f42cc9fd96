/**
 * Runs one target: a fresh sim (same seed and rate) → the target → 2 s idle (RSS "before") → clients connect →
 * warm-up → measure window → clients leave → 5 s → RSS "after" → everything stopped.
 */
import { assignAssets, sleep } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { delta, flatten } from "./counters.ts";
import { FeedProbe } from "./feed-probe.ts";
import { startClients, type LoadDriver } from "./load-driver.ts";
import type { ChildMessage, LoadConfig, ParentMessage } from "./load-clients.ts";
import { machineBusyPct, machineCpu } from "./machine.ts";
import { getJson } from "./net.ts";
import type { Service } from "./procs.ts";
import { fmt, type TargetKind, type TargetResult } from "./report.ts";
import { Sampler } from "./sampler.ts";
import { feedUrl, startSim } from "./sim.ts";
import { failed, summarise, type Connected } from "./summarise.ts";
import { startTarget, type StartedTarget } from "./targets.ts";

const labels: Record<TargetKind, string> = { raw: "raw ws relay", bff: "BFF" };

export async function runTarget(ctx: BenchContext, kind: TargetKind, rate: number): Promise<TargetResult> {
  const { opts, log, live } = ctx;
  const label = labels[kind];
  log(`── ${label}: starting sim (${rate} events/s)`);
  const sampler = new Sampler(500);
  let sim: Service | undefined;
  let probe: FeedProbe | undefined;
  let target: StartedTarget | undefined;
  let clients: LoadDriver | undefined;
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

    sampler.phase = "connect";
    clients = startClients(live);
    const conn = await connect(ctx, label, clients, sampler, { mode: kind, url: target.url, sets });

    sampler.phase = "warmup";
    await sleep(opts.warmup * 1000);
    const m = await measure(ctx, label, clients, sampler, probe, target.statsUrl);

    sampler.phase = "leaving";
    await leave(ctx, clients, sampler);
    sampler.phase = "after";
    await sleep(5000);
    const rssAfter = await sampler.rssNow("target");
    sampler.stop();

    const statsDelta = delta(m.statsBefore, m.statsAfter);
    const s = { kind, label, clientsRequested: opts.clients, rep: m.rep, conn, window: m.window, sets };
    const result = summarise({ ...s, statsDelta, sampler });
    result.machineBusyPct = m.busy;
    result.rssMb.beforeClients = rssBefore;
    result.rssMb.afterClientsLeft = rssAfter;
    result.rssMb.growth = rssAfter - rssBefore;
    return result;
  } catch (e) {
    log(`${label} failed: ${(e as Error).message}`);
    return failed(kind, label, opts.clients, (e as Error).message);
  } finally {
    sampler.stop();
    probe?.close();
    if (clients) await live.stop(clients.proc);
    await live.stop(target?.proc);
    await live.stop(sim);
  }
}

async function connect(
  ctx: BenchContext,
  label: string,
  clients: LoadDriver,
  sampler: Sampler,
  load: Pick<LoadConfig, "mode" | "url" | "sets">,
): Promise<Connected> {
  sampler.watch("clients", clients.proc.pid);
  const config: LoadConfig = {
    ...load,
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
  sampler: Sampler,
  probe: FeedProbe,
  statsUrl: string,
) {
  const stats = async () => flatten(await getJson(statsUrl).catch(() => ({})));
  const cpuBefore = machineCpu();
  const statsBefore = await stats();
  probe.startWindow();
  clients.proc.child.send({ cmd: "measure-start" } satisfies ParentMessage);
  sampler.phase = "measure";
  ctx.log(`${label}: measuring for ${ctx.opts.duration} s`);
  await sleep(ctx.opts.duration * 1000);
  clients.proc.child.send({ cmd: "measure-stop" } satisfies ParentMessage);
  const window = probe.stopWindow();
  const busy = machineBusyPct(cpuBefore, machineCpu());
  sampler.phase = "drain";
  const statsAfter = await stats();
  const rep = ((await clients.next("report", 30_000)) as Extract<ChildMessage, { evt: "report" }>).report;
  return { window, busy, statsBefore, statsAfter, rep };
}

/** Every client disconnects and the load process exits (at most ≈ 35 s). */
async function leave(ctx: BenchContext, clients: LoadDriver, sampler: Sampler): Promise<void> {
  const { child } = clients.proc;
  child.send({ cmd: "disconnect" } satisfies ParentMessage);
  await clients.next("disconnected", 30_000).catch(() => undefined);
  await new Promise<void>((r) => {
    if (child.exitCode !== null) r();
    else child.once("exit", () => r());
    setTimeout(r, 5000).unref();
  });
  await ctx.live.stop(clients.proc);
  sampler.unwatch("clients");
}
