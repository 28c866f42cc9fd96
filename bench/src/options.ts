/** `pnpm bench` flags: the help text, parsing into typed options, and the run's hard time budget. */
import { numFlag, parseFlags, strFlag } from "./common.ts";

export type SeriesName = "bff" | "floor" | "naive" | "gateway";
const ALL_SERIES: readonly SeriesName[] = ["bff", "floor", "naive", "gateway"];

export const HELP = `pnpm bench [options]
  --quick                  smoke preset (≈ 2–3 min): BFF/gateway steps 50,100; naive 5,10; 2 s + 4 s per step; 200 idle sockets
  --steps LIST             client counts the BFF and the gateway series step through
                           (default 100,200,400,600,800,1000,1200,1500,2000)
  --naive-steps LIST       client counts for the naive socket.io relay (default 10,25,50,100,200)
  --no-bisect              stop the BFF and gateway searches at the first failing step (default: one more step halfway back)
  --series LIST            which series run: bff,floor,naive,gateway (default all; floor needs bff)
  --duration S             measurement window per step, seconds (default 10)
  --warmup S               after every client is connected, before measuring (default 3)
  --idle-sockets N         idle authenticated sockets for the memory reading (default 1000; 0 skips it)
  --target-msgs M          upstream messages/s to calibrate the sim to (default 20000)
  --rate R                 sim events/s; skips calibration
  --assets N               assets the sim lists (default 100)
  --assets-per-client K    assets each client subscribes to (default 20)
  --conflation-ms MS       BFF CONFLATION_MS and the floor's tick (default 50)
  --connect-batch N        clients each load process opens at a time (default 50)
  --clients-per-worker N   one load process per N clients (default 250) …
  --max-workers N          … up to N processes (default 4)
  --seed N                 sim and subscription seed (default 1)
  --max-minutes M          no new step starts once a step could end after M minutes from the start; series not
                           reached are reported as such (default 13; --quick 8: room for the gateway series' startup)
  --build-web              run \`pnpm build:web\` before measuring web/dist
`;

export interface BenchOptions {
  quick: boolean;
  steps: number[];
  naiveSteps: number[];
  bisect: boolean;
  series: SeriesName[];
  duration: number;
  warmup: number;
  idleSockets: number;
  targetMsgs: number;
  /** Sim events/s; undefined → calibrate. */
  rate: number | undefined;
  assets: number;
  assetsPerClient: number;
  conflationMs: number;
  connectBatch: number;
  clientsPerWorker: number;
  maxWorkers: number;
  seed: number;
  /** Soft bound on the run: no step starts that could end after it. */
  maxMinutes: number;
  buildWeb: boolean;
}

function listFlag(value: string, name: string): number[] {
  const list = value.split(",").map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n < 1))
    throw new Error(`--${name} must be a comma list of positive integers, got ${value}`);
  return [...new Set(list)].sort((a, b) => a - b);
}

/** Parses argv (without `node run.ts`); `"help"` when `--help`/`--h` was given. Throws on a bad value. */
export function parseOptions(argv: readonly string[]): BenchOptions | "help" {
  const flags = parseFlags(argv);
  if (flags.help || flags.h) return "help";
  const quick = flags.quick === true;
  const series = strFlag(flags, "series", ALL_SERIES.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is SeriesName => (ALL_SERIES as readonly string[]).includes(s));
  return {
    quick,
    steps: listFlag(
      strFlag(flags, "steps", quick ? "50,100" : "100,200,400,600,800,1000,1200,1500,2000"),
      "steps",
    ),
    naiveSteps: listFlag(strFlag(flags, "naive-steps", quick ? "5,10" : "10,25,50,100,200"), "naive-steps"),
    bisect: !quick && flags["no-bisect"] !== true,
    series,
    duration: numFlag(flags, "duration", quick ? 4 : 10),
    warmup: numFlag(flags, "warmup", quick ? 2 : 3),
    idleSockets: Math.round(numFlag(flags, "idle-sockets", quick ? 200 : 1000)),
    targetMsgs: numFlag(flags, "target-msgs", 20_000),
    rate: flags.rate !== undefined ? numFlag(flags, "rate", 0) : undefined,
    assets: numFlag(flags, "assets", 100),
    assetsPerClient: numFlag(flags, "assets-per-client", 20),
    conflationMs: numFlag(flags, "conflation-ms", 50),
    connectBatch: numFlag(flags, "connect-batch", 50),
    clientsPerWorker: numFlag(flags, "clients-per-worker", 250),
    maxWorkers: Math.max(1, Math.round(numFlag(flags, "max-workers", 4))),
    seed: numFlag(flags, "seed", 1),
    maxMinutes: numFlag(flags, "max-minutes", quick ? 8 : 13),
    buildWeb: flags["build-web"] === true,
  };
}

/** What one step may take (s): connecting, warm-up, the window, leaving; a step is not started unless this fits. */
export const stepBoundS = (o: BenchOptions) => 30 + o.warmup + o.duration + 10;

/**
 * Hard upper bound on the whole run (seconds), whatever hangs: the soft bound, plus the longest a step or a process
 * start may overrun it, plus writing the report. The run kills every child and exits 1 past it.
 */
export function timeBudgetS(o: BenchOptions): number {
  return o.maxMinutes * 60 + 120 + (o.buildWeb ? 120 : 0);
}
