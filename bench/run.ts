/**
 * `pnpm bench`: the BFF against a minimal raw `ws` relay under the same load, plus the first-screen JS size.
 * Reports numbers and ratios; asserts nothing about timings. See bench/README.md.
 *
 * Per target (raw relay first, then the BFF) a FRESH sim process with the same seed and rate is started, so both
 * targets see the same deterministic market from a clean producer (no sim-side backlog, connection history or timer
 * drift left over from the previous target), and only one consumer chain loads the machine at a time.
 */
import { execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { assignAssets, numFlag, parseFlags, sleep, strFlag } from "./src/common.ts";
import { FeedProbe } from "./src/feed-probe.ts";
import { Histogram, mean } from "./src/histogram.ts";
import type { ChildMessage, LoadConfig, LoadReport, ParentMessage } from "./src/load-clients.ts";
import { repoRoot, spawnNode, startService, type Proc, type Service } from "./src/procs.ts";
import {
  computeRatios,
  fmt,
  renderReport,
  type BenchReport,
  type TargetKind,
  type TargetResult,
} from "./src/report.ts";
import { Sampler } from "./src/sampler.ts";
import { measureWebDist } from "./src/web-size.ts";

const HELP = `pnpm bench [options]
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
  --build-web            run \`pnpm build:web\` before measuring web/dist
  --quick                smoke preset: 50 clients, 2 s warm-up, 5 s measure, 5000 msgs/s
`;

const flags = parseFlags(process.argv.slice(2));
if (flags.help || flags.h) {
  process.stdout.write(HELP);
  process.exit(0);
}
const quick = flags.quick === true;
const opts = {
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
  buildWeb: flags["build-web"] === true,
  quick,
};

const FEED_TOKEN = process.env.FEED_TOKEN ?? "dev-feed-token";
const SIM_CONTROL_TOKEN = process.env.SIM_CONTROL_TOKEN ?? "bench-control-token";
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Everything started, so a failure or Ctrl-C leaves nothing behind. */
const live = new Set<Proc>();
async function stopAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
  live.clear();
}
let aborting = false;
const abort = (why: string, code = 1) => {
  if (aborting) return;
  aborting = true;
  log(`aborting: ${why}`);
  void stopAll().finally(() => process.exit(code));
};
process.on("SIGINT", () => abort("interrupted", 130));
process.on("SIGTERM", () => abort("terminated", 143));

// Hard upper bound on the whole run, whatever hangs.
const budgetS = 90 + opts.targets.length * (opts.warmup + opts.duration + 110) + (opts.buildWeb ? 120 : 0);
setTimeout(() => abort(`exceeded the ${budgetS} s time budget`), budgetS * 1000).unref();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** Flattens numeric leaves: `{a:{b:1}}` → `{"a.b":1}`. */
function flatten(v: unknown, prefix = "", out: Record<string, number> = {}): Record<string, number> {
  if (typeof v === "number") out[prefix] = v;
  else if (v && typeof v === "object")
    for (const [k, c] of Object.entries(v)) flatten(c, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

function delta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const d: Record<string, number> = {};
  // Per-client counters (hundreds of keys) stay out of the report; the totals are enough.
  for (const [k, v] of Object.entries(after))
    if (k in before && !k.includes(".perClient.")) d[k] = v - before[k]!;
  return d;
}

/** First counter whose key ends with `name` (e.g. `conflation.quotesConflated`). */
function pick(stats: Record<string, number>, name: string): number | null {
  const key = Object.keys(stats).find((k) => k === name || k.endsWith(`.${name}`));
  return key === undefined ? null : stats[key]!;
}

function startSim(rate: number): Promise<Service> {
  return startService(
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
    { FEED_TOKEN, SIM_CONTROL_TOKEN },
  ).then((s) => (live.add(s), s));
}

async function stopProc(p: Proc | undefined): Promise<void> {
  if (!p) return;
  await p.stop();
  live.delete(p);
}

const feedUrl = (sim: Service) => `ws://127.0.0.1:${sim.port}/feed/v1`;

/** Measures messages per sim event, so `--rate` can be set for the target upstream msgs/s. */
async function calibrate(): Promise<BenchReport["calibration"]> {
  if (opts.rate !== undefined)
    return {
      targetMsgsPerSec: opts.targetMsgs,
      rate: opts.rate,
      measuredMsgsPerEvent: null,
      note: "--rate given",
    };
  // First guess from earlier runs (~2.2 msgs per event: trade + daily + book); one round usually lands within 5 %.
  let rate = opts.targetMsgs / 2.2;
  let perEvent: number | null = null;
  for (let round = 0; round < 2; round++) {
    const sim = await startSim(rate);
    const probe = new FeedProbe(feedUrl(sim), FEED_TOKEN);
    try {
      await probe.connect();
      await sleep(1000);
      probe.startWindow();
      await sleep(3000);
      const w = probe.stopWindow();
      const msgsPerSec = w.total / w.seconds;
      perEvent = msgsPerSec / rate;
      log(
        `calibration: ${fmt(rate, 0)} events/s → ${fmt(msgsPerSec, 0)} msgs/s (${fmt(perEvent, 2)} msgs/event)`,
      );
      const next = opts.targetMsgs / perEvent;
      const close = Math.abs(msgsPerSec - opts.targetMsgs) / opts.targetMsgs < 0.05;
      rate = next;
      if (close) break;
    } finally {
      probe.close();
      await stopProc(sim);
    }
  }
  return {
    targetMsgsPerSec: opts.targetMsgs,
    rate: Math.round(rate),
    measuredMsgsPerEvent: perEvent,
    note: `calibrated: ${fmt(perEvent, 2)} msgs/event`,
  };
}

function startClients(): {
  proc: Proc;
  next: (evt: ChildMessage["evt"], timeoutMs: number) => Promise<ChildMessage>;
} {
  const proc = spawnNode(
    "load-clients",
    "bench/src/load-clients.ts",
    [],
    {},
    {
      ipc: true,
      nodeArgs: ["--max-old-space-size=2048"],
    },
  );
  live.add(proc);
  const queue: ChildMessage[] = [];
  const waiters: ((m: ChildMessage) => void)[] = [];
  proc.child.on("message", (m: ChildMessage) => {
    const w = waiters.shift();
    if (w) w(m);
    else queue.push(m);
  });
  const next = (evt: ChildMessage["evt"], timeoutMs: number) =>
    new Promise<ChildMessage>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`load-clients: no '${evt}' within ${timeoutMs / 1000} s\n${proc.output.join("\n")}`),
          ),
        timeoutMs,
      );
      const take = (m: ChildMessage) => {
        clearTimeout(timer);
        if (m.evt === "error") reject(new Error(`load-clients: ${m.message}`));
        else if (m.evt !== evt) reject(new Error(`load-clients: expected '${evt}', got '${m.evt}'`));
        else resolve(m);
      };
      const queued = queue.shift();
      if (queued) take(queued);
      else waiters.push(take);
    });
  return { proc, next };
}

/** Summed CPU times over all cores. */
function machineCpu(): { idle: number; total: number } {
  let idle = 0;
  let total = 0;
  for (const c of os.cpus()) {
    idle += c.times.idle;
    total += c.times.user + c.times.nice + c.times.sys + c.times.idle + c.times.irq;
  }
  return { idle, total };
}

function machineBusyPct(a: { idle: number; total: number }, b: { idle: number; total: number }): number {
  const total = b.total - a.total;
  return total > 0 ? (100 * (total - (b.idle - a.idle))) / total : Number.NaN;
}

const cpuStats = (xs: { cpu: number }[]) => ({
  avg: mean(xs.map((s) => s.cpu)),
  max: xs.length ? Math.max(...xs.map((s) => s.cpu)) : Number.NaN,
});

async function runTarget(kind: TargetKind, rate: number): Promise<TargetResult> {
  const label = kind === "raw" ? "raw ws relay" : "BFF";
  log(`── ${label}: starting sim (${rate} events/s)`);
  const sampler = new Sampler(500);
  let sim: Service | undefined;
  let target: Proc | undefined;
  let clients: ReturnType<typeof startClients> | undefined;
  const probe = { current: undefined as FeedProbe | undefined };
  try {
    sim = await startSim(rate);
    const p = new FeedProbe(feedUrl(sim), FEED_TOKEN);
    probe.current = p;
    const allAssets = await p.connect();
    if (allAssets.length < opts.assets)
      log(`warning: the sim lists ${allAssets.length} assets, fewer than --assets ${opts.assets}`);
    const assets = allAssets.slice(0, opts.assets);
    const sets = assignAssets(assets, opts.clients, Math.min(opts.assetsPerClient, assets.length), opts.seed);

    let url: string;
    let statsUrl: string | undefined;
    if (kind === "raw") {
      const relay = await startService(
        "raw-relay",
        "bench/src/raw-relay.ts",
        ["--feed-url", feedUrl(sim), "--port", "0", "--max-buffered", String(opts.maxBuffered)],
        { FEED_TOKEN },
      );
      live.add(relay);
      target = relay;
      url = `ws://127.0.0.1:${relay.port}/`;
      statsUrl = `http://127.0.0.1:${relay.port}/stats`;
    } else {
      const port = await freePort();
      const bff = spawnNode("bff", "bff/src/index.ts", [], {
        PORT: String(port),
        HOST: "127.0.0.1",
        FEED_URL: feedUrl(sim),
        FEED_TOKEN,
        CONFLATION_MS: String(opts.conflationMs),
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
      });
      live.add(bff);
      target = bff;
      url = `http://127.0.0.1:${port}`;
      statsUrl = `http://127.0.0.1:${port}/api/v1/stats`;
      let exited = false;
      bff.child.once("exit", () => (exited = true));
      await until("BFF /health/ready", 30_000, async () => {
        if (exited) throw new Error(`BFF exited\n${bff.output.join("\n")}`);
        const res = await fetch(`${url}/health/ready`);
        return res.ok ? true : undefined;
      }).catch((e: Error) => {
        throw new Error(`${e.message}\n--- bff output ---\n${bff.output.slice(-20).join("\n")}`);
      });
      try {
        const body = (await getJson(`${url}/api/v1/instruments`)) as { instruments?: { asset: string }[] };
        const known = new Set((body.instruments ?? []).map((i) => i.asset));
        const missing = assets.filter((a) => !known.has(a));
        if (missing.length) log(`warning: BFF instruments lack ${missing.length} of the sim's assets`);
      } catch (e) {
        log(`warning: GET /api/v1/instruments failed (${(e as Error).message})`);
      }
    }

    sampler.watch("target", target.pid);
    sampler.watch("sim", sim.pid);
    sampler.start();
    sampler.phase = "idle";
    await sleep(2000);
    const idle = sampler.of("target", "idle");
    const rssBefore = idle.length ? idle[idle.length - 1]!.rssMb : await sampler.rssNow("target");

    sampler.phase = "connect";
    clients = startClients();
    sampler.watch("clients", clients.proc.pid);
    const config: LoadConfig = {
      mode: kind,
      url,
      sets,
      connectBatch: opts.connectBatch,
      connectTimeoutMs: 20_000,
      connectBudgetMs: 60_000,
    };
    clients.proc.child.send({ cmd: "start", config } satisfies ParentMessage);
    const conn = (await clients.next("connected", 120_000)) as Extract<ChildMessage, { evt: "connected" }>;
    log(
      `${label}: ${conn.connected}/${opts.clients} clients connected in ${fmt(conn.ms / 1000, 1)} s` +
        (conn.failed ? ` (${conn.failed} failed: ${conn.errors.join("; ")})` : ""),
    );
    if (conn.connected === 0) throw new Error(`no client connected: ${conn.errors.join("; ")}`);

    sampler.phase = "warmup";
    await sleep(opts.warmup * 1000);

    const cpuBefore = machineCpu();
    const statsBefore = statsUrl ? flatten(await getJson(statsUrl).catch(() => ({}))) : {};
    p.startWindow();
    clients.proc.child.send({ cmd: "measure-start" } satisfies ParentMessage);
    sampler.phase = "measure";
    log(`${label}: measuring for ${opts.duration} s`);
    await sleep(opts.duration * 1000);
    clients.proc.child.send({ cmd: "measure-stop" } satisfies ParentMessage);
    const window = p.stopWindow();
    const busy = machineBusyPct(cpuBefore, machineCpu());
    sampler.phase = "drain";
    const statsAfter = statsUrl ? flatten(await getJson(statsUrl).catch(() => ({}))) : {};
    const rep = ((await clients.next("report", 30_000)) as Extract<ChildMessage, { evt: "report" }>).report;

    sampler.phase = "leaving";
    clients.proc.child.send({ cmd: "disconnect" } satisfies ParentMessage);
    await clients.next("disconnected", 30_000).catch(() => undefined);
    await new Promise<void>((r) => {
      if (clients!.proc.child.exitCode !== null) r();
      else clients!.proc.child.once("exit", () => r());
      setTimeout(r, 5000).unref();
    });
    await stopProc(clients.proc);
    sampler.unwatch("clients");
    sampler.phase = "after";
    await sleep(5000);
    const rssAfter = await sampler.rssNow("target");
    sampler.stop();

    const result = summarise(kind, label, rep, conn, window, sets, delta(statsBefore, statsAfter), sampler);
    result.machineBusyPct = busy;
    result.rssMb.beforeClients = rssBefore;
    result.rssMb.afterClientsLeft = rssAfter;
    result.rssMb.growth = rssAfter - rssBefore;
    return result;
  } catch (e) {
    log(`${label} failed: ${(e as Error).message}`);
    return failed(kind, label, (e as Error).message);
  } finally {
    sampler.stop();
    probe.current?.close();
    if (clients) await stopProc(clients.proc);
    await stopProc(target);
    await stopProc(sim);
  }
}

function summarise(
  kind: TargetKind,
  label: string,
  rep: LoadReport,
  conn: Extract<ChildMessage, { evt: "connected" }>,
  window: ReturnType<FeedProbe["stopWindow"]>,
  sets: string[][],
  statsDelta: Record<string, number>,
  sampler: Sampler,
): TargetResult {
  const seconds = rep.seconds;
  const connectedSets = sets.slice(0, rep.clients);
  // Scale the probe's window to the clients' window (they start/stop within a few ms of each other).
  const scale = seconds / window.seconds;
  const expected =
    connectedSets.reduce(
      (acc, set) => acc + set.reduce((a, asset) => a + (window.perAsset[asset] ?? 0), 0),
      0,
    ) * scale;
  const measure = sampler.of("target", "measure");
  const allTarget = sampler.of("target");
  const conflated = kind === "bff" ? pick(statsDelta, "quotesConflated") : pick(statsDelta, "dropped");
  return {
    target: kind,
    label,
    ok: true,
    clientsRequested: opts.clients,
    clientsConnected: conn.connected,
    connectFailures: conn.failed,
    connectErrors: conn.errors,
    connectSeconds: conn.ms / 1000,
    disconnectsDuringRun: rep.disconnects,
    measureSeconds: seconds,
    upstreamMsgsPerSec: window.total / window.seconds,
    upstreamLatency: window.latency,
    machineBusyPct: Number.NaN,
    loadavgAfter: os.loadavg()[0]!,
    expectedUpdates: expected,
    delivered: rep.updates,
    deliveredPerSec: rep.updates / seconds,
    deliveredPerClientPerSec: rep.perClient.mean / seconds,
    perClientMinPerSec: rep.perClient.min / seconds,
    perClientMaxPerSec: rep.perClient.max / seconds,
    messagesPerSec: rep.messages / seconds,
    notDeliveredDerived: Math.max(0, expected - rep.updates),
    conflatedReported: conflated,
    deliveredReported: kind === "bff" ? pick(statsDelta, "quotesDelivered") : pick(statsDelta, "forwarded"),
    skippedFlushesReported: kind === "bff" ? pick(statsDelta, "skippedFlushes") : null,
    upstreamCuts: kind === "bff" ? pick(statsDelta, "reconnects") : pick(statsDelta, "upstreamDisconnects"),
    targetStatsDelta: statsDelta,
    latency: Histogram.deserialize(rep.latency).summary(),
    ...(rep.bffLatency ? { bffInternalLatency: Histogram.deserialize(rep.bffLatency).summary() } : {}),
    clientLoopDelayMs: rep.loopDelay,
    cpu: cpuStats(measure),
    clientCpu: cpuStats(sampler.of("clients", "measure")),
    simCpu: cpuStats(sampler.of("sim", "measure")),
    rssMb: {
      beforeClients: Number.NaN,
      peak: allTarget.length ? Math.max(...allTarget.map((s) => s.rssMb)) : Number.NaN,
      afterClientsLeft: Number.NaN,
      growth: Number.NaN,
    },
  };
}

function failed(kind: TargetKind, label: string, error: string): TargetResult {
  const nan = Number.NaN;
  const lat = { count: 0, min: nan, mean: nan, p50: nan, p90: nan, p99: nan, p999: nan, max: nan };
  return {
    target: kind,
    label,
    ok: false,
    error,
    clientsRequested: opts.clients,
    clientsConnected: 0,
    connectFailures: 0,
    connectErrors: [],
    connectSeconds: nan,
    disconnectsDuringRun: 0,
    measureSeconds: nan,
    upstreamMsgsPerSec: nan,
    upstreamLatency: lat,
    machineBusyPct: nan,
    loadavgAfter: os.loadavg()[0]!,
    expectedUpdates: nan,
    delivered: 0,
    deliveredPerSec: nan,
    deliveredPerClientPerSec: nan,
    perClientMinPerSec: nan,
    perClientMaxPerSec: nan,
    messagesPerSec: nan,
    notDeliveredDerived: nan,
    conflatedReported: null,
    deliveredReported: null,
    skippedFlushesReported: null,
    upstreamCuts: null,
    targetStatsDelta: {},
    latency: lat,
    clientLoopDelayMs: { p50: nan, p99: nan, max: nan },
    cpu: { avg: nan, max: nan },
    clientCpu: { avg: nan, max: nan },
    simCpu: { avg: nan, max: nan },
    rssMb: { beforeClients: nan, peak: nan, afterClientsLeft: nan, growth: nan },
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    model: cpus[0]?.model.trim() ?? "unknown",
    memGb: os.totalmem() / 2 ** 30,
    node: process.versions.node,
    platform: `${os.platform()} ${os.release()}`,
    loadavg: os.loadavg(),
  };
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

  const calibration = await calibrate();
  const targets: TargetResult[] = [];
  for (const kind of opts.targets) targets.push(await runTarget(kind, calibration.rate));

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
  };
  const text = renderReport(report);
  process.stdout.write(`\n${text}\n`);
  const dir = join(repoRoot, "bench/results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${startedAt.replace(/[:.]/g, "-")}.json`);
  writeFileSync(
    file,
    `${JSON.stringify(report, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
  writeFileSync(join(dir, "latest.md"), `${text}\n`);
  process.stdout.write(`results: ${file}\n          ${join(dir, "latest.md")}\n`);
  await stopAll();
  process.exit(targets.every((t) => t.ok) ? 0 : 1);
}

void main().catch((e: Error) => abort(e.stack ?? e.message));
