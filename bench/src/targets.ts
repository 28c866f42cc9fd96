/**
 * The targets load clients connect to, each against a running sim: the BFF (one process, or a cluster behind the
 * gateway: src/cluster-target.ts), the floor relay and the naive relay. The BFF runs with the V8 inspector on a random
 * loopback port (heap after a forced GC) and a throwaway users file; the bench logs in (src/bff-login.ts).
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BFF_NODE_FLAGS } from "../../bff/src/node-flags.ts";
import type { BenchContext } from "./context.ts";
import { INSPECT_ARG, inspectorUrl } from "./heap-probe.ts";
import type { ClientMode } from "./load-clients.ts";
import { freePort, getJson, until } from "./net.ts";
import { spawnNode, startService, type Proc } from "./procs.ts";
import { feedUrl, servicesUrl } from "./sim.ts";
import type { Service } from "./procs.ts";
import { createBenchUser, login } from "./bff-login.ts";
import { socketAbuseLimitsOff } from "./abuse-limits.ts";

/** What a capacity series needs from a target. */
export interface LoadTarget {
  label: string;
  mode: ClientMode;
  /** What load clients connect to. */
  url: string;
  /** Handshake headers (BFF: Origin + session cookie). */
  headers: Record<string, string>;
  /** PEM to trust (the TLS gateway). */
  ca?: string;
  /** The target's processes by name (CPU accounting); the names in `serving` are the ones that serve clients. */
  procs: () => Record<string, number[]>;
  serving: string[];
  /** The V8 inspector of the serving process, when it has one (BENCH_CPU_PROFILE_DIR profiles through it). */
  inspectorUrl?: string;
  stop(): Promise<void>;
}

export interface StartedTarget {
  proc: Proc;
  url: string;
  /** The BFF's debug counters. */
  statsUrl: string;
  headers: Record<string, string>;
  /** Removes the throwaway users file; call after stopping the BFF. */
  cleanup(): void;
  /** The V8 inspector (read once at start: later output may push the line out of `proc.output`). */
  inspectorUrl: string | undefined;
  /** The throwaway trader (a browser logs in through the form with it). */
  user?: { username: string; password: string };
}

/** The BFF's environment as the bench runs it; `env` goes on top. */
export function bffEnv(ctx: BenchContext, sim: Service, env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    HOST: "127.0.0.1",
    METRICS_PORT: "0",
    FEED_URL: feedUrl(sim),
    ORDER_MANAGER_URL: servicesUrl(sim),
    FEED_TOKEN: ctx.feedToken,
    CONFLATION_MS: String(ctx.opts.conflationMs),
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    WORKSPACE_DATA_DIR: ":memory:",
    // Every load client shares one bench login (one session, one user, one address): the abuse limits would refuse
    // all but 10 of them. The bench measures fan-out capacity; bench/src/abuse.ts measures the limits.
    ...socketAbuseLimitsOff,
    ...env,
  };
}

/** The BFF as one process on loopback; `env` goes over the bench's settings. */
export async function startBffTarget(
  ctx: BenchContext,
  sim: Service,
  env: NodeJS.ProcessEnv = {},
): Promise<StartedTarget> {
  const port = await freePort();
  const user = await createBenchUser();
  const bff = ctx.live.add(
    spawnNode(
      "bff",
      "bff/src/index.ts",
      [],
      bffEnv(ctx, sim, {
        PORT: String(port),
        USERS_FILE: user.usersFile,
        // Its own audit spool: the default one may be locked by a BFF running from this checkout.
        AUDIT_SPOOL_FILE: join(tmpdir(), `pregao-bench-spool-${port}.jsonl`),
        ...env,
      }),
      { nodeArgs: [...BFF_NODE_FLAGS, INSPECT_ARG] },
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  let headers: Record<string, string>;
  try {
    await bffReady(bff, url);
    headers = await login(url, user);
  } catch (e) {
    const output = bff.output.slice(-20).join("\n");
    await ctx.live.stop(bff);
    user.remove();
    throw new Error(`${(e as Error).message}\n--- bff output ---\n${output}`, { cause: e });
  }
  return {
    proc: bff,
    url,
    statsUrl: `${url}/api/v1/stats`,
    headers,
    cleanup: user.remove,
    inspectorUrl: inspectorUrl(bff.output),
    user: { username: user.username, password: user.password },
  };
}

/** The direct BFF as a load target. */
export function bffLoadTarget(ctx: BenchContext, bff: StartedTarget): LoadTarget {
  return {
    label: "BFF",
    mode: "bff",
    url: bff.url,
    headers: bff.headers,
    procs: () => ({ bff: [bff.proc.pid] }),
    serving: ["bff"],
    ...(bff.inspectorUrl ? { inspectorUrl: bff.inspectorUrl } : {}),
    stop: async () => {
      await ctx.live.stop(bff.proc);
      bff.cleanup();
    },
  };
}

export function bffReady(bff: Proc, url: string): Promise<true> {
  // A BFF that exits (a bad config, a missing module) fails the wait at once instead of after the timeout.
  const exited = new Promise<never>((_, reject) =>
    bff.child.once("exit", (code) =>
      reject(new Error(`BFF exited (code ${code})\n${bff.output.slice(-15).join("\n")}`)),
    ),
  );
  exited.catch(() => undefined);
  const ready = until("BFF /health/ready", 240_000, async () => {
    const res = await fetch(`${url}/health/ready`);
    return res.ok ? true : undefined;
  });
  return Promise.race([ready, exited]);
}

/** The BFF's count of connected sockets (`conflation.clients` in /api/v1/stats), or null. */
export async function bffClients(bff: StartedTarget): Promise<number | null> {
  const body = (await getJson(bff.statsUrl, bff.headers).catch(() => null)) as {
    conflation?: { clients?: number };
  } | null;
  return typeof body?.conflation?.clients === "number" ? body.conflation.clients : null;
}

/** A bench relay (floor or naive) as its own process. */
export async function startRelayTarget(
  ctx: BenchContext,
  sim: Service,
  kind: "floor" | "naive",
): Promise<LoadTarget> {
  const args = ["--feed-url", feedUrl(sim), "--port", "0", "--conflation-ms", String(ctx.opts.conflationMs)];
  const relay = ctx.live.add(
    // The BFF's Node flags: the ratios compare the relays' code, not V8 settings.
    await startService(
      `${kind}-relay`,
      `bench/src/${kind}-relay.ts`,
      args,
      { FEED_TOKEN: ctx.feedToken },
      30_000,
      [...BFF_NODE_FLAGS],
    ),
  );
  return {
    label: kind === "floor" ? "floor (plain ws, conflated)" : "naive socket.io relay",
    mode: kind,
    url: kind === "floor" ? `ws://127.0.0.1:${relay.port}/` : `http://127.0.0.1:${relay.port}`,
    headers: {},
    procs: () => ({ [kind]: [relay.pid] }),
    serving: [kind],
    stop: () => ctx.live.stop(relay),
  };
}
