/**
 * `pnpm bench`: capacity, side by side, in one run (bench/README.md). Each series starts a fresh sim and steps the
 * client count up until p99 tick-to-client latency passes 100 ms:
 *
 *   BFF (one process): idle memory per authenticated socket first (no market state yet), then the steps
 *   floor relay (plain ws, same conflation and batch format) at the BFF's capacity: CPU per update
 *   through the nginx gateway to 1 BFF, then to 2 BFFs sharing Redis
 *   naive socket.io relay (one emit per upstream message; last: it fails within a step or two)
 *
 * Reports numbers and ratios; asserts nothing about timings. This file is orchestration only.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { calibrate } from "./src/calibrate.ts";
import { startCluster, type Cluster } from "./src/cluster-target.ts";
import type { BenchContext } from "./src/context.ts";
import { floorClients, gatewayStart, headlineOf } from "./src/headline.ts";
import { measureIdleMemory } from "./src/idle-memory.ts";
import { machineInfo } from "./src/machine.ts";
import { HELP, parseOptions, stepBoundS, timeBudgetS } from "./src/options.ts";
import { LiveProcs, repoRoot } from "./src/procs.ts";
import { renderReport } from "./src/report.ts";
import type { BenchReport, IdleMemory, SeriesResult } from "./src/results.ts";
import { BFF_START_S, checkDeadline, runSeries, searchSeries, seriesResult, withSim } from "./src/series.ts";
import { bffLoadTarget, startBffTarget, startRelayTarget, type StartedTarget } from "./src/targets.ts";
import { measureWebDist } from "./src/web-size.ts";

const parsed = parseOptions(process.argv.slice(2));
if (parsed === "help") {
  process.stdout.write(HELP);
  process.exit(0);
}
const opts = parsed;
const live = new LiveProcs();
const log = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const ctx: BenchContext = {
  opts,
  live,
  log,
  feedToken: process.env.FEED_TOKEN ?? "dev-feed-token",
  deadline: Date.now() + opts.maxMinutes * 60_000,
  simControlToken: process.env.SIM_CONTROL_TOKEN ?? "bench-control-token",
};

/** What the run has measured so far: an aborted run still writes its report from it. */
const sofar: {
  startedAt: string;
  t0: number;
  calibration?: BenchReport["calibration"];
  web?: BenchReport["web"];
  series: SeriesResult[];
  idle: IdleMemory | { error: string } | null;
} = { startedAt: new Date().toISOString(), t0: performance.now(), series: [], idle: null };

let aborting = false;
const abort = (why: string, code = 1) => {
  if (aborting) return;
  aborting = true;
  log(`aborting: ${why}`);
  try {
    if (sofar.calibration && sofar.web) writeResults(report(`aborted: ${why}`));
  } catch (e) {
    log(`could not write the partial report: ${(e as Error).message}`);
  }
  void live.stopAll().finally(() => process.exit(code));
};
process.on("SIGINT", () => abort("interrupted", 130));
process.on("SIGTERM", () => abort("terminated", 143));
const budgetS = timeBudgetS(opts);
setTimeout(() => abort(`exceeded the ${budgetS} s time budget`), budgetS * 1000).unref();

const commit = () => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
};

const machine = machineInfo();

function report(note?: string): BenchReport {
  const { series, idle } = sofar;
  return {
    startedAt: sofar.startedAt,
    commit: commit(),
    durationSeconds: (performance.now() - sofar.t0) / 1000,
    machine,
    loadavgAtEnd: os.loadavg(),
    ...(note ? { note } : {}),
    options: { ...opts, rate: sofar.calibration?.rate },
    calibration: sofar.calibration!,
    series,
    idle,
    headline: headlineOf(series, idle),
    web: sofar.web!,
  };
}

async function main(): Promise<void> {
  if (opts.buildWeb) {
    log("building web (pnpm build:web)…");
    execFileSync("pnpm", ["build:web"], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  }
  sofar.web = measureWebDist(join(repoRoot, "web/dist"), join(repoRoot, "web/src"));
  sofar.calibration = await calibrate(ctx);
  const rate = sofar.calibration.rate;
  const has = (s: (typeof opts.series)[number]) => opts.series.includes(s);
  const { series } = sofar;

  if (has("bff")) {
    let direct: StartedTarget | undefined;
    series.push(
      await runSeries(
        ctx,
        rate,
        {
          key: "bff",
          label: "BFF, one process",
          plan: { ladder: opts.steps, bisect: opts.bisect },
          startupS: BFF_START_S,
        },
        async (sim) => bffLoadTarget(ctx, (direct = await startBffTarget(ctx, sim))),
        async () => {
          if (opts.idleSockets > 0 && direct)
            sofar.idle = await measureIdleMemory(ctx, direct, opts.idleSockets);
        },
      ),
    );
  }
  const bff = series.find((s) => s.key === "bff");
  const floorAt = (bff && floorClients(bff)) ?? opts.steps[0]!;
  if (has("floor"))
    series.push(
      await runSeries(
        ctx,
        rate,
        {
          key: "floor",
          label: "floor relay (plain ws, same conflation and batches)",
          plan: { ladder: [floorAt], bisect: false },
        },
        (sim) => startRelayTarget(ctx, sim, "floor"),
      ),
    );
  if (has("gateway")) series.push(...(await gatewaySeries(rate, bff?.capacity.clients ?? null)));
  if (has("naive"))
    series.push(
      await runSeries(
        ctx,
        rate,
        {
          key: "naive",
          label: "naive socket.io relay (one emit per upstream message)",
          plan: { ladder: opts.naiveSteps, bisect: false },
        },
        (sim) => startRelayTarget(ctx, sim, "naive"),
      ),
    );

  writeResults(report());
  await live.stopAll();
  process.exit(series.every((s) => s.ok) ? 0 : 1);
}

/** Through the gateway to 1 BFF, then to 2: one sim and one pair of BFFs, a fresh gateway per series. */
async function gatewaySeries(rate: number, directCapacity: number | null): Promise<SeriesResult[]> {
  // Bisected like the direct series: on 2 cores the gateway series fail after a step or two, and a 200-client grid
  // cannot tell 1 instance from 2.
  const plan = { ladder: opts.steps, startAt: gatewayStart(opts.steps, directCapacity), bisect: opts.bisect };
  const spec = (n: 1 | 2) => ({
    key: n === 1 ? ("gateway-1" as const) : ("gateway-2" as const),
    label: `through the gateway (nginx, TLS, WAF) → ${n} BFF${n > 1 ? "s" : ""} sharing Redis`,
    plan,
  });
  const failed = (e: Error) => ([1, 2] as const).map((n) => seriesResult(spec(n), [], e));
  try {
    checkDeadline(ctx, 2 * stepBoundS(opts) + 2 * BFF_START_S, "the gateway series");
  } catch (e) {
    log((e as Error).message);
    return failed(e as Error);
  }
  return withSim(ctx, rate, Math.max(...opts.steps), async (env) => {
    let cluster: Cluster | undefined;
    try {
      const c = (cluster = await startCluster(ctx, env.sim, 2));
      const out: SeriesResult[] = [];
      for (const n of [1, 2] as const)
        out.push(await searchSeries(ctx, env, spec(n), () => c.behindGateway(n)));
      return out;
    } finally {
      await cluster?.stop();
    }
  }).catch((e: Error) => {
    log(`gateway series failed: ${e.message}`);
    return failed(e);
  });
}

/** The report on stdout, `bench/results/<timestamp>.json` (NaN/Infinity as null), `<timestamp>.md` and `latest.md`. */
function writeResults(report: BenchReport): void {
  const text = renderReport(report);
  process.stdout.write(`\n${text}\n`);
  const dir = join(repoRoot, "bench/results");
  mkdirSync(dir, { recursive: true });
  const base = join(dir, report.startedAt.replace(/[:.]/g, "-"));
  const json = JSON.stringify(
    report,
    (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
    2,
  );
  writeFileSync(`${base}.json`, `${json}\n`);
  writeFileSync(`${base}.md`, `${text}\n`);
  writeFileSync(join(dir, "latest.md"), `${text}\n`);
  process.stdout.write(`results: ${base}.json\n         ${base}.md\n`);
}

void main().catch((e: Error) => abort(e.stack ?? e.message));
