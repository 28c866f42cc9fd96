/** The feed simulator as the bench runs it: its own process, `--seed`/`--assets` from the options, port 0. */
import type { BenchContext } from "./context.ts";
import { startService, type Service } from "./procs.ts";

export async function startSim(ctx: BenchContext, rate: number): Promise<Service> {
  const { opts } = ctx;
  const sim = await startService(
    "sim",
    "sim/src/main.ts",
    [
      "--port",
      "0",
      "--seed",
      String(opts.seed),
      "--rate",
      String(Math.round(rate)),
      "--assets",
      String(opts.assets),
    ],
    { FEED_TOKEN: ctx.feedToken, SIM_CONTROL_TOKEN: ctx.simControlToken },
  );
  return ctx.live.add(sim);
}

export const feedUrl = (sim: Service) => `ws://127.0.0.1:${sim.port}/feed/v1`;
