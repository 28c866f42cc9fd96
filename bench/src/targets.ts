/**
 * Starts a target (the raw relay or the BFF) against a running sim and says where clients and stats live. Both run
 * with the V8 inspector on a random loopback port, so the bench can read their heap after a forced GC. The BFF gets a
 * throwaway users file and the bench logs in (src/bff-login.ts).
 */
import type { BenchContext } from "./context.ts";
import { INSPECT_ARG, inspectorUrl } from "./heap-probe.ts";
import { freePort, getJson, until } from "./net.ts";
import { spawnNode, startService, type Proc, type Service } from "./procs.ts";
import type { TargetKind } from "./results.ts";
import { feedUrl } from "./sim.ts";
import { createBenchUser, login } from "./bff-login.ts";
import { socketAbuseLimitsOff } from "./abuse-limits.ts";

export interface StartedTarget {
  proc: Proc;
  /** What load clients connect to. */
  url: string;
  /** The target's debug counters. */
  statsUrl: string;
  /** Headers for stats requests and socket handshakes (BFF: Origin + session cookie; raw: none). */
  headers: Record<string, string>;
  /** Removes what the target needed on disk (BFF: the throwaway users file); call after stopping it. */
  cleanup(): void;
  /** The target's V8 inspector (read once at start: later output may push the line out of `proc.output`). */
  inspectorUrl: string | undefined;
  /** BFF: the throwaway trader (a browser logs in through the form with it). */
  user?: { username: string; password: string };
}

export function startTarget(ctx: BenchContext, kind: TargetKind, sim: Service, assets: string[]) {
  return kind === "raw" ? startRawRelay(ctx, sim) : startBffTarget(ctx, sim, assets);
}

async function startRawRelay(ctx: BenchContext, sim: Service): Promise<StartedTarget> {
  const relay = await startService(
    "raw-relay",
    "bench/src/raw-relay.ts",
    ["--feed-url", feedUrl(sim), "--port", "0", "--max-buffered", String(ctx.opts.maxBuffered)],
    { FEED_TOKEN: ctx.feedToken },
    30_000,
    [INSPECT_ARG],
  );
  ctx.live.add(relay);
  return {
    proc: relay,
    url: `ws://127.0.0.1:${relay.port}/`,
    statsUrl: `http://127.0.0.1:${relay.port}/stats`,
    headers: {},
    cleanup: () => undefined,
    inspectorUrl: inspectorUrl(relay.output),
  };
}

/** The BFF as the bench runs it; `env` goes over the bench's settings (the frame probe adds WEB_DIST and a workspace store). */
export async function startBffTarget(
  ctx: BenchContext,
  sim: Service,
  assets: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<StartedTarget> {
  const port = await freePort();
  const user = await createBenchUser();
  const bff = ctx.live.add(
    spawnNode(
      "bff",
      "bff/src/index.ts",
      [],
      {
        PORT: String(port),
        HOST: "127.0.0.1",
        METRICS_PORT: "0",
        FEED_URL: feedUrl(sim),
        FEED_TOKEN: ctx.feedToken,
        CONFLATION_MS: String(ctx.opts.conflationMs),
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        USERS_FILE: user.usersFile,
        // Every load client shares one bench login (one session, one user, one address): the abuse limits would refuse
        // all but 10 of them. The bench measures fan-out capacity; bench/src/abuse.ts measures the limits.
        ...socketAbuseLimitsOff,
        ...env,
      },
      { nodeArgs: [INSPECT_ARG] },
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  let headers: Record<string, string>;
  try {
    await ready(bff, url);
    headers = await login(url, user);
  } catch (e) {
    const output = bff.output.slice(-20).join("\n");
    await ctx.live.stop(bff);
    user.remove();
    throw new Error(`${(e as Error).message}\n--- bff output ---\n${output}`, { cause: e });
  }
  await checkInstruments(ctx, url, headers, assets);
  const statsUrl = `${url}/api/v1/stats`;
  return {
    proc: bff,
    url,
    statsUrl,
    headers,
    cleanup: user.remove,
    inspectorUrl: inspectorUrl(bff.output),
    user: { username: user.username, password: user.password },
  };
}

function ready(bff: Proc, url: string): Promise<true> {
  let exited = false;
  bff.child.once("exit", () => (exited = true));
  return until("BFF /health/ready", 120_000, async () => {
    if (exited) throw new Error(`BFF exited\n${bff.output.join("\n")}`);
    const res = await fetch(`${url}/health/ready`);
    return res.ok ? true : undefined;
  });
}

/** Warns when the BFF's catalog lacks some of the sim's assets (clients would be refused them). */
async function checkInstruments(
  ctx: BenchContext,
  url: string,
  headers: Record<string, string>,
  assets: string[],
) {
  try {
    // The BFF answers lookups of at most 100 assets (it never sends the whole catalog).
    const known = new Set<string>();
    for (let i = 0; i < assets.length; i += 100) {
      const chunk = encodeURIComponent(assets.slice(i, i + 100).join(","));
      const body = (await getJson(`${url}/api/v1/instruments?assets=${chunk}`, headers)) as {
        instruments?: { asset: string }[];
      };
      for (const info of body.instruments ?? []) known.add(info.asset);
    }
    const missing = assets.filter((a) => !known.has(a));
    if (missing.length) ctx.log(`warning: BFF instruments lack ${missing.length} of the sim's assets`);
  } catch (e) {
    ctx.log(`warning: GET /api/v1/instruments failed (${(e as Error).message})`);
  }
}
