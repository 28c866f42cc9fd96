/** `pnpm bench` flags: the help text, parsing into typed options, and the run's hard time budget. */
import { numFlag, parseFlags, strFlag } from "./common.ts";
import type { TargetKind } from "./results.ts";

export const HELP = `pnpm bench [options]
  --clients N            load clients (default 500)
  --assets-per-client K  assets each client subscribes to (default 20)
  --assets N             assets the sim lists (default 100)
  --target-msgs M        upstream messages/s to calibrate the sim to (default 20000)
  --rate R               sim events/s; skips calibration
  --duration S           measurement window per target, seconds (default 20)
  --warmup S             after all clients are connected, before measuring (default 5)
  --conflation-ms MS     BFF CONFLATION_MS (default 50)
  --max-buffered BYTES   raw relay slow-client guard (default 1048576)
  --connect-batch N      clients opened at a time (default 50)
  --seed N               sim and subscription seed (default 1)
  --targets raw,bff      which targets to run (default both)
  --waves N              client waves against the same BFF process (default 2; the raw relay always runs 1):
                         each connects, measures, leaves and waits 5 s; memory is read after every wave
  --frame-seconds S      front-end frame probe window in Chromium (default 20; see pnpm bench:frames)
  --no-frames            skip the front-end frame probe
  --build-web            run \`pnpm build:web\` before measuring web/dist
  --quick                smoke preset: 50 clients, 2 s warm-up, 5 s measure, 5000 msgs/s
`;

export interface BenchOptions {
  clients: number;
  assetsPerClient: number;
  assets: number;
  targetMsgs: number;
  /** Sim events/s; undefined → calibrate. */
  rate: number | undefined;
  duration: number;
  warmup: number;
  conflationMs: number;
  maxBuffered: number;
  connectBatch: number;
  seed: number;
  targets: TargetKind[];
  /** Client waves against the BFF (≥ 1); the table's traffic figures are wave 1's. */
  waves: number;
  buildWeb: boolean;
  quick: boolean;
  /** Run the front-end frame probe (src/frame-probe.ts) after the targets. */
  frames: boolean;
  frameSeconds: number;
}

/** Parses argv (without `node run.ts`); `"help"` when `--help`/`--h` was given. Throws on a bad number. */
export function parseOptions(argv: readonly string[]): BenchOptions | "help" {
  const flags = parseFlags(argv);
  if (flags.help || flags.h) return "help";
  const quick = flags.quick === true;
  return {
    clients: numFlag(flags, "clients", quick ? 50 : 500),
    assetsPerClient: numFlag(flags, "assets-per-client", 20),
    assets: numFlag(flags, "assets", 100),
    targetMsgs: numFlag(flags, "target-msgs", quick ? 5000 : 20_000),
    rate: flags.rate !== undefined ? numFlag(flags, "rate", 0) : undefined,
    duration: numFlag(flags, "duration", quick ? 5 : 20),
    warmup: numFlag(flags, "warmup", quick ? 2 : 5),
    conflationMs: numFlag(flags, "conflation-ms", 50),
    maxBuffered: numFlag(flags, "max-buffered", 1 << 20),
    connectBatch: numFlag(flags, "connect-batch", 50),
    seed: numFlag(flags, "seed", 1),
    targets: strFlag(flags, "targets", "raw,bff")
      .split(",")
      .map((s) => s.trim())
      .filter((s): s is TargetKind => s === "raw" || s === "bff"),
    waves: Math.max(1, Math.round(numFlag(flags, "waves", 2))),
    buildWeb: flags["build-web"] === true,
    quick,
    frames: flags["no-frames"] !== true,
    frameSeconds: numFlag(flags, "frame-seconds", quick ? 5 : 20),
  };
}

/** Frame probe start-up beyond its window: sim, BFF (ready), Chromium, login, first prices, shutdown. */
export const FRAME_PROBE_OVERHEAD_S = 240;

/** Hard upper bound on the whole run (seconds), whatever hangs. */
export function timeBudgetS(opts: BenchOptions): number {
  const perWave = opts.warmup + opts.duration + 110;
  const extraWaves = opts.targets.includes("bff") ? opts.waves - 1 : 0;
  const frames = opts.frames ? FRAME_PROBE_OVERHEAD_S + opts.frameSeconds : 0;
  return 90 + (opts.targets.length + extraWaves) * perWave + (opts.buildWeb ? 120 : 0) + frames;
}

/** Waves for one target: the BFF runs `--waves`, the raw baseline one. */
export const wavesFor = (opts: BenchOptions, kind: TargetKind) => (kind === "bff" ? opts.waves : 1);
