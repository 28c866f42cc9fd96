/**
 * `pnpm bench`: the BFF against a minimal raw `ws` relay under the same load, plus the first-screen JS size and the
 * front end's long tasks and frame times in Chromium (src/frame-probe.ts).
 * Reports numbers and ratios; asserts nothing about timings. See bench/README.md.
 *
 * Per target (raw relay first, then the BFF) a FRESH sim process with the same seed and rate is started, so both
 * targets see the same deterministic market from a clean producer (no sim-side backlog, connection history or timer
 * drift left over from the previous target), and only one consumer chain loads the machine at a time.
 *
 * This file is orchestration only: options → calibrate → each target (src/target-run.ts) → report files.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { calibrate } from "./src/calibrate.ts";
import type { BenchContext } from "./src/context.ts";
import { machineInfo } from "./src/machine.ts";
import { HELP, parseOptions, timeBudgetS } from "./src/options.ts";
import { LiveProcs, repoRoot } from "./src/procs.ts";
import { computeRatios, renderReport } from "./src/report.ts";
import type { BenchReport, TargetResult } from "./src/results.ts";
import { runTarget } from "./src/target-run.ts";
import { measureWebDist } from "./src/web-size.ts";
import { runFrameProbe } from "./src/frame-probe.ts";

const parsed = parseOptions(process.argv.slice(2));
if (parsed === "help") {
  process.stdout.write(HELP);
  process.exit(0);
}
const opts = parsed;
const live = new LiveProcs();
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const ctx: BenchContext = {
  opts,
  live,
  log,
  feedToken: process.env.FEED_TOKEN ?? "dev-feed-token",
  simControlToken: process.env.SIM_CONTROL_TOKEN ?? "bench-control-token",
};

let aborting = false;
const abort = (why: string, code = 1) => {
  if (aborting) return;
  aborting = true;
  log(`aborting: ${why}`);
  void live.stopAll().finally(() => process.exit(code));
};
process.on("SIGINT", () => abort("interrupted", 130));
process.on("SIGTERM", () => abort("terminated", 143));
const budgetS = timeBudgetS(opts);
setTimeout(() => abort(`exceeded the ${budgetS} s time budget`), budgetS * 1000).unref();

async function main(): Promise<void> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const machine = machineInfo();
  const caveat =
    `everything runs on this one machine (${machine.cpus} cores): the sim, the target, the ${opts.clients} load ` +
    `clients and this orchestrator share the cores, so absolute numbers are pessimistic and CPU contention ` +
    `inflates latency for both targets. Compare the ratios, not the absolutes; loopback only.`;

  if (opts.buildWeb) {
    log("building web (pnpm build:web)…");
    execFileSync("pnpm", ["build:web"], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  }
  const web = measureWebDist(join(repoRoot, "web/dist"), join(repoRoot, "web/src"));
  if (web.status === "not-built") log("web/dist is not built; run `pnpm build:web` (or pass --build-web)");

  const calibration = await calibrate(ctx);
  const targets: TargetResult[] = [];
  for (const kind of opts.targets) targets.push(await runTarget(ctx, kind, calibration.rate));
  // After the targets (alone on the machine): one Chromium session on the trader's dashboard at the same feed rate.
  const frames = opts.frames
    ? await runFrameProbe(ctx, calibration.rate, {
        seconds: opts.frameSeconds,
        watchlistSize: 30,
        webDist: join(repoRoot, "web/dist"),
        chromiumPath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      })
    : undefined;

  const report: BenchReport = {
    startedAt,
    durationSeconds: (performance.now() - t0) / 1000,
    machine,
    caveat,
    options: { ...opts, rate: calibration.rate },
    calibration,
    targets,
    ratios: computeRatios(
      targets.find((t) => t.target === "bff"),
      targets.find((t) => t.target === "raw"),
    ),
    web,
    ...(frames ? { frames } : {}),
  };
  writeResults(report, startedAt);
  await live.stopAll();
  process.exit(targets.every((t) => t.ok) ? 0 : 1);
}

/** The table on stdout, `bench/results/<timestamp>.json` (NaN/Infinity as null) and `bench/results/latest.md`. */
function writeResults(report: BenchReport, startedAt: string): void {
  const text = renderReport(report);
  process.stdout.write(`\n${text}\n`);
  const dir = join(repoRoot, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.replace(/[:.]/g, "-")}.json`);
  const json = JSON.stringify(
    report,
    (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
    2,
  );
  writeFileSync(file, `${json}\n`);
  writeFileSync(join(dir, "latest.md"), `${text}\n`);
  process.stdout.write(`results: ${file}\n          ${join(dir, "latest.md")}\n`);
}

void main().catch((e: Error) => abort(e.stack ?? e.message));
