/**
 * Capacity series. Each starts from a FRESH sim (same seed and rate, so every target sees the same deterministic
 * market from a clean producer) with the probe on it; the target is started, the step search runs
 * (src/step-search.ts), and everything is stopped. The two gateway series share one sim and one set of BFFs.
 */
import { assignAssets } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { FeedProbe } from "./feed-probe.ts";
import type { Service } from "./procs.ts";
import type { SeriesKey, SeriesResult, StepResult } from "./results.ts";
import { feedUrl, startSim } from "./sim.ts";
import { capacityOf, ladderFrom, searchCapacity, type StepPlan } from "./step-search.ts";
import { runStep, type StepEnv } from "./step-run.ts";
import type { LoadTarget } from "./targets.ts";
import { stepBoundS } from "./options.ts";

/** The run's --max-minutes would be passed: the search stops here and reports what it has. */
export class DeadlineReached extends Error {
  readonly code = "BENCH_DEADLINE";
  constructor(what: string) {
    super(`the run's time bound (--max-minutes) left no room for ${what}`);
    this.name = "DeadlineReached";
  }
}

/** A series' result from the steps it ran; `error` (first line kept) when it stopped early. */
export function seriesResult(spec: SeriesSpec, steps: StepResult[], error?: Error): SeriesResult {
  return {
    key: spec.key,
    label: spec.label,
    ok: error === undefined,
    ...(error ? { error: error.message.split("\n")[0] } : {}),
    steps,
    capacity: capacityOf(steps),
  };
}

/** Throws DeadlineReached when `seconds` more would end after the run's deadline. */
export function checkDeadline(ctx: BenchContext, seconds: number, what: string): void {
  if (Date.now() + seconds * 1000 > ctx.deadline) throw new DeadlineReached(what);
}

export interface SeriesSpec {
  key: SeriesKey;
  label: string;
  plan: StepPlan;
  /** How long starting the target may take (s): a series is not started unless that and one step still fit. */
  startupS?: number;
}

/** What a BFF may take to start on a busy machine (s; ≈ 2–3 min was seen at a load average of 35 on 2 cores). */
export const BFF_START_S = 150;

/** The sim, its probe and each client's assets, for as many clients as the largest step. */
export type SimEnv = Omit<StepEnv, "target"> & { sim: Service };

/** Runs `fn` against a fresh sim; stops the sim and the probe whatever happens. */
export async function withSim<T>(
  ctx: BenchContext,
  rate: number,
  most: number,
  fn: (env: SimEnv) => Promise<T>,
): Promise<T> {
  const { opts } = ctx;
  let sim: Service | undefined;
  let probe: FeedProbe | undefined;
  try {
    sim = await startSim(ctx, rate);
    probe = new FeedProbe(feedUrl(sim), ctx.feedToken);
    const assets = (await probe.connect()).slice(0, opts.assets);
    const sets = assignAssets(assets, most, Math.min(opts.assetsPerClient, assets.length), opts.seed);
    return await fn({ sim, simPid: sim.pid, probe, sets });
  } finally {
    probe?.close();
    await ctx.live.stop(sim);
  }
}

/** Starts the target, runs `before` (the BFF's idle-memory reading), searches its capacity, stops it. Never throws. */
export async function searchSeries<T extends LoadTarget>(
  ctx: BenchContext,
  env: SimEnv,
  spec: SeriesSpec,
  start: () => Promise<T>,
  before?: (target: T) => Promise<void>,
): Promise<SeriesResult> {
  ctx.log(
    `── ${spec.label}: steps ${ladderFrom(spec.plan).join(", ")}${spec.plan.bisect ? " (+ one bisect)" : ""}`,
  );
  const steps: StepResult[] = [];
  let target: T | undefined;
  try {
    const t = (target = await start());
    await before?.(t);
    await searchCapacity(spec.plan, async (clients) => {
      checkDeadline(ctx, stepBoundS(ctx.opts), `the ${clients}-client step`);
      const step = await runStep(ctx, { ...env, target: t }, clients);
      steps.push(step);
      return { clients, pass: step.pass };
    });
    return seriesResult(spec, steps);
  } catch (e) {
    ctx.log(`${spec.label} failed: ${(e as Error).message}`);
    return seriesResult(spec, steps, e as Error);
  } finally {
    await target?.stop();
  }
}

/** One series on its own fresh sim. */
export function runSeries<T extends LoadTarget>(
  ctx: BenchContext,
  rate: number,
  spec: SeriesSpec,
  start: (sim: Service) => Promise<T>,
  before?: (target: T) => Promise<void>,
): Promise<SeriesResult> {
  const most = Math.max(...spec.plan.ladder);
  try {
    checkDeadline(ctx, stepBoundS(ctx.opts) + 20 + (spec.startupS ?? 0), spec.label);
  } catch (e) {
    ctx.log((e as Error).message);
    return Promise.resolve(seriesResult(spec, [], e as Error));
  }
  return withSim(ctx, rate, most, (env) => searchSeries(ctx, env, spec, () => start(env.sim), before)).catch(
    (e: Error) => {
      ctx.log(`${spec.label}: the sim failed: ${e.message}`);
      return seriesResult(spec, [], e);
    },
  );
}
