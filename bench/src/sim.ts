/**
 * The feed simulator as the bench runs it: its own process, `--seed`/`--assets` from the options, every port chosen by
 * the OS (a fixed order-service port collided with a second bench or a `pnpm start` on the same machine).
 */
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
      "--services-port",
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

/** The sim's order manager / risk service, for the BFF's ORDER_MANAGER_URL. */
export function servicesUrl(sim: Service): string {
  const url = sim.ready.servicesUrl;
  if (typeof url !== "string") throw new Error("the sim did not report its servicesUrl");
  return url;
}
