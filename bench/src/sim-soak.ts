/**
 * Does the sim's cost stay flat as it ages? (96bc416: its trade history trimmed with `splice(0, 1)` at the 50,000-print
 * bound, so its CPU climbed from ≈ 25 % to ≈ 75 % of a core within 3–4 minutes; docs/performance.md, "The sim's CPU
 * grew with its age".)
 *
 *   node --import tsx bench/src/sim-soak.ts [--seconds 240] [--consumers 2] [--window 15] [--rate 9245]
 *
 * Starts the sim as the bench does (src/sim.ts: --seed 1 --assets 100), connects consumers subscribed to every asset
 * (src/upstream-link.ts; each parses every frame, as the BFF does), and prints per window the sim's CPU (% of one
 * core), RSS and the frames each consumer received per second, then the first and last minute's mean CPU, their ratio
 * and the RSS growth. Numbers, never a verdict. Exits 1 only when the run broke (the sim died, a consumer was cut).
 * Bounded: --seconds ≤ 900, a hard budget of --seconds + 90 s, and the sim is stopped on exit, failure or Ctrl-C.
 */
import { execFileSync } from "node:child_process";
import { numFlag, parseFlags, sleep } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { cpuSeconds } from "./cpu-time.ts";
import { machineBusyPct, machineCpu } from "./machine.ts";
import { parseOptions, type BenchOptions } from "./options.ts";
import { LiveProcs, repoRoot } from "./procs.ts";
import { rssMb } from "./sampler.ts";
import { renderSummary, renderWindow, summariseSoak, type SoakWindow } from "./sim-soak-summary.ts";
import { feedUrl, startSim } from "./sim.ts";
import { connectUpstream, type UpstreamLink } from "./upstream-link.ts";

const HELP = `node --import tsx bench/src/sim-soak.ts [options]
  --seconds S      how long to sample the sim (default 240, at most 900)
  --consumers N    feed consumers subscribed to every asset (default 2, at most 20)
  --window S       sampling window, seconds (default 15)
  --rate R         sim events/s (default 9245: the bench's calibrated rate, ≈ 20,000 msgs/s)
`;
const MAX_SECONDS = 900;

const flags = parseFlags(process.argv.slice(2));
if (flags.help || flags.h) {
  process.stdout.write(HELP);
  process.exit(0);
}
const seconds = numFlag(flags, "seconds", 240);
const windowS = numFlag(flags, "window", 15);
const consumers = Math.round(numFlag(flags, "consumers", 2));
const rate = numFlag(flags, "rate", 9245);
if (
  seconds > MAX_SECONDS ||
  windowS < 1 ||
  windowS > seconds ||
  consumers < 1 ||
  consumers > 20 ||
  rate <= 0
) {
  process.stderr.write(`bad options\n${HELP}`);
  process.exit(2);
}

const live = new LiveProcs();
const log = (msg: string) => process.stderr.write(`[sim-soak] ${msg}\n`);
const ctx: BenchContext = {
  opts: { ...(parseOptions([]) as BenchOptions), rate },
  live,
  log,
  feedToken: process.env.FEED_TOKEN ?? "dev-feed-token",
  deadline: Number.POSITIVE_INFINITY, // bounded by its own budget below
  simControlToken: process.env.SIM_CONTROL_TOKEN ?? "bench-control-token",
};
const windows: SoakWindow[] = [];
let links: UpstreamLink[] = [];
let stopping = false;

/** Prints the summary of the windows so far (if any), stops every child, exits. */
const finish = (code: number, why?: string) => {
  if (stopping) return;
  stopping = true;
  if (why) log(why);
  for (const l of links) l.close();
  if (windows.length > 0)
    process.stdout.write(`${renderSummary(summariseSoak(windows, windowS), windows)}\n`);
  void live.stopAll().finally(() => process.exit(code));
};
process.on("SIGINT", () => finish(130, "interrupted"));
process.on("SIGTERM", () => finish(143, "terminated"));
const budgetS = seconds + 90; // the sim's start (≤ 30 s), the subscriptions, stopping
setTimeout(() => finish(1, `exceeded the ${budgetS} s time budget`), budgetS * 1000).unref();

const commit = () => {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
};

/** The reason the run is not a clean reading, if a consumer was cut (the link reconnects and re-subscribes). */
const cut = () => {
  const i = links.findIndex((l) => l.stats.cuts > 0);
  return i < 0 ? undefined : `consumer ${i} was cut by the sim (${links[i]!.stats.lastClose})`;
};

async function main(): Promise<void> {
  const sim = await startSim(ctx, rate);
  sim.child.once("exit", (code, signal) => finish(1, `the sim exited (code ${code}, signal ${signal})`));
  links = Array.from({ length: consumers }, (_, i) =>
    connectUpstream({ feedUrl: feedUrl(sim), feedToken: ctx.feedToken, name: `soak-${i}` }, (data) =>
      JSON.parse(data.toString()),
    ),
  );
  await Promise.all(links.map((l) => l.ready));
  process.stdout.write(
    `sim soak: commit ${commit()}, ${new Date().toISOString()}, sim --seed ${ctx.opts.seed} --rate ${rate} ` +
      `--assets ${ctx.opts.assets} (pid ${sim.pid}), ${consumers} consumers × ${links[0]!.stats.assets} assets, ` +
      `${seconds} s in ${windowS} s windows\n`,
  );
  const read = async () => ({
    t: performance.now(),
    cpu: (await cpuSeconds({ sim: [sim.pid] })).sim,
    frames: links.reduce((n, l) => n + l.stats.frames, 0),
    machine: machineCpu(),
  });
  let prev = await read();
  const t0 = prev.t;
  for (let i = 1; i <= Math.floor(seconds / windowS) && !stopping; i++) {
    await sleep(t0 + i * windowS * 1000 - performance.now());
    const now = await read();
    if (stopping) return;
    if (now.cpu === undefined || prev.cpu === undefined) return finish(1, "the sim is gone");
    const dt = (now.t - prev.t) / 1000;
    const w: SoakWindow = {
      endS: (now.t - t0) / 1000,
      cpuPct: (100 * (now.cpu - prev.cpu)) / dt,
      rssMb: await rssMb(sim.pid),
      framesPerS: (now.frames - prev.frames) / dt / consumers,
      machineBusyPct: machineBusyPct(prev.machine, now.machine),
    };
    windows.push(w);
    process.stdout.write(`${renderWindow(w)}\n`);
    const broke = cut();
    if (broke) return finish(1, `${broke}: not a clean reading`);
    prev = now;
  }
  finish(0);
}

void main().catch((e: Error) => finish(1, e.stack ?? e.message));
