/**
 * `pnpm bench:frames`: the front-end frame probe alone (src/frame-probe.ts). Calibrates the sim to the bench's feed
 * rate (or takes --rate), runs one Chromium session for --seconds and prints the summary; writes
 * bench/results/frames-<timestamp>.json. Asserts nothing; exits 1 only when the probe could not run.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { calibrate } from "./calibrate.ts";
import { numFlag, parseFlags, strFlag } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { runFrameProbe } from "./frame-probe.ts";
import { parseOptions, type BenchOptions } from "./options.ts";
import { LiveProcs, repoRoot } from "./procs.ts";
import { renderFrames } from "./report-frames.ts";

const HELP = `pnpm bench:frames [options]
  --seconds S        measurement window (default 20)
  --watchlist N      watchlist rows (default 30)
  --rate R           sim events/s; skips calibration (default: calibrate to --target-msgs)
  --target-msgs M    upstream msgs/s to calibrate to (default 20000, as pnpm bench)
  --assets N         assets the sim lists (default 100)
  --chromium PATH    Chromium binary (default $CHROMIUM_PATH or /usr/bin/chromium)
  --build-web        run \`pnpm build:web\` first
`;

const argv = process.argv.slice(2);
const flags = parseFlags(argv);
if (flags.help || flags.h) {
  process.stdout.write(HELP);
  process.exit(0);
}
const seconds = numFlag(flags, "seconds", 20);
const benchOpts: BenchOptions = {
  ...(parseOptions([]) as BenchOptions),
  targetMsgs: numFlag(flags, "target-msgs", 20_000),
  rate: flags.rate !== undefined ? numFlag(flags, "rate", 0) : undefined,
  assets: numFlag(flags, "assets", 100),
  buildWeb: flags["build-web"] === true,
};
const live = new LiveProcs();
const log = (msg: string) => process.stderr.write(`[bench:frames] ${msg}\n`);
const ctx: BenchContext = {
  opts: benchOpts,
  live,
  log,
  feedToken: process.env.FEED_TOKEN ?? "dev-feed-token",
  deadline: Number.POSITIVE_INFINITY, // the frame probe is bounded by its own budget below
  simControlToken: process.env.SIM_CONTROL_TOKEN ?? "bench-control-token",
};
const abort = (why: string, code = 1) => {
  log(`aborting: ${why}`);
  void live.stopAll().finally(() => process.exit(code));
};
process.on("SIGINT", () => abort("interrupted", 130));
process.on("SIGTERM", () => abort("terminated", 143));
const budgetS = 300 + seconds + (benchOpts.buildWeb ? 120 : 0);
setTimeout(() => abort(`exceeded the ${budgetS} s time budget`), budgetS * 1000).unref();

async function main(): Promise<void> {
  if (benchOpts.buildWeb) {
    log("building web (pnpm build:web)…");
    execFileSync("pnpm", ["build:web"], { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });
  }
  const calibration = await calibrate(ctx);
  const report = await runFrameProbe(ctx, calibration.rate, {
    seconds,
    watchlistSize: numFlag(flags, "watchlist", 30),
    webDist: join(repoRoot, "web/dist"),
    chromiumPath: strFlag(flags, "chromium", process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
  });
  process.stdout.write(`\n${renderFrames(report)}\n`);
  const dir = join(repoRoot, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `frames-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, `${JSON.stringify({ calibration, frames: report }, null, 2)}\n`);
  process.stdout.write(`results: ${file}\n`);
  await live.stopAll();
  process.exit(report.ok ? 0 : 1);
}

void main().catch((e: Error) => abort(e.stack ?? e.message));
