/** The human-readable report (pure): headline with targets, every step of every series, where the cores went. */
import { coreShares, P99_LIMIT_MS } from "./capacity.ts";
import { fmt } from "./format.ts";
import { TARGETS, TODAY_CLIENTS } from "./headline.ts";
import { renderWeb } from "./report-web.ts";
import type { BenchReport, Headline, SeriesResult, StepResult } from "./results.ts";
import { table } from "./table.ts";

const int = (n: number | null | undefined) => fmt(n, 0);
const x = (n: number | null | undefined) => (n === null || n === undefined ? "–" : `${fmt(n, 2)}×`);
const pct = (seconds: number | undefined, window: number) =>
  seconds === undefined ? "–" : `${fmt(seconds, 1)} s (${fmt((100 * seconds) / window, 0)} %)`;

/** "meets" / "misses" against a target, or "–" when either side is missing: a reading, never an assertion. */
export function against(value: number | null, target: number, better: "higher" | "lower"): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const ok = better === "higher" ? value >= target : value <= target;
  return ok ? "meets" : "misses";
}

function capacityCell(s: SeriesResult | undefined): string {
  if (!s) return "not run";
  const c = s.capacity;
  if (c.clients === null) return s.ok ? "–" : `FAILED: ${s.error ?? ""}`;
  const bound =
    c.firstFail === null
      ? `≥ ${int(c.clients)} (every step passed)`
      : `${int(c.clients)} (failed at ${int(c.firstFail)})`;
  return s.ok ? bound : `${bound}; stopped: ${s.error ?? ""}`;
}

function headlineRows(h: Headline, series: readonly SeriesResult[]): string[][] {
  const s = (key: SeriesResult["key"]) => series.find((x) => x.key === key);
  const at = h.cpuAtClients === null ? "" : ` at ${int(h.cpuAtClients)} clients`;
  return [
    ["measure", "measured", "target", "reading"],
    [
      `BFF capacity per instance: clients at p99 ≤ ${P99_LIMIT_MS} ms`,
      capacityCell(s("bff")),
      `≥ ${int(TARGETS.capacityClients)} (2× today's ${TODAY_CLIENTS})`,
      against(h.bffCapacity, TARGETS.capacityClients, "higher"),
    ],
    [`BFF CPU per delivered update${at}`, `${fmt(h.bffCpuUsPerUpdate, 2)} µs`, "", ""],
    [`floor CPU per delivered update${at}`, `${fmt(h.floorCpuUsPerUpdate, 2)} µs`, "", ""],
    [
      "BFF ÷ floor, CPU per update",
      x(h.cpuVsFloor),
      `≤ ${TARGETS.cpuVsFloor}×`,
      against(h.cpuVsFloor, TARGETS.cpuVsFloor, "lower"),
    ],
    [
      "idle authenticated socket: heap / RSS per socket",
      `${fmt(h.idleHeapKbPerSocket, 2)} KB / ${fmt(h.idleRssKbPerSocket, 2)} KB`,
      `≤ ${TARGETS.idleHeapKb} KB heap`,
      against(h.idleHeapKbPerSocket, TARGETS.idleHeapKb, "lower"),
    ],
    [
      "  … per 1,000 idle sockets: heap / RSS",
      `${fmt(h.idleHeapKbPerSocket === null ? null : (h.idleHeapKbPerSocket * 1000) / 1024, 1)} MB / ${fmt(h.idleRssKbPerSocket === null ? null : (h.idleRssKbPerSocket * 1000) / 1024, 1)} MB`,
      "",
      "",
    ],
    ["naive socket.io relay capacity", capacityCell(s("naive")), "", ""],
    ["BFF capacity ÷ naive relay capacity", x(h.capacityVsNaive), "", ""],
    ["through the gateway → 1 BFF: capacity", capacityCell(s("gateway-1")), "", ""],
    ["through the gateway → 2 BFFs: capacity", capacityCell(s("gateway-2")), "", ""],
    ["scaling, 2 instances ÷ 1", x(h.scaling), "< 2× on 2 cores (see below)", ""],
  ];
}

function stepRows(s: SeriesResult): string[][] {
  const head = [
    "clients",
    "connected",
    "upstream msgs/s",
    "p50 / p99 / max ms",
    "updates/s",
    "per client/s",
    "serving CPU",
    "µs CPU/update",
    "load gen CPU (procs)",
    "load loop p99 ms",
    "machine busy",
    "verdict",
  ];
  return [
    head,
    ...s.steps.map((t: StepResult) => [
      int(t.clients),
      int(t.connected),
      int(t.upstreamMsgsPerSec),
      `${fmt(t.latency.p50, 0)} / ${fmt(t.latency.p99, 0)} / ${fmt(t.latency.max, 0)}`,
      int(t.updatesPerSec),
      fmt(t.perClientPerSec.mean, 0),
      `${fmt((100 * t.servingCpuSeconds) / t.seconds, 0)} %`,
      fmt(t.cpuUsPerUpdate, 2),
      `${fmt((100 * (t.cpuSeconds["load gen"] ?? Number.NaN)) / t.seconds, 0)} % (${t.loadWorkers})`,
      fmt(t.loadLoopDelayP99, 0),
      `${fmt(t.machineBusyPct, 0)} %`,
      t.pass ? "pass" : `fail: ${t.reasons.join("; ")}`,
    ]),
  ];
}

/** CPU seconds (and % of one core) per process at each step of a series: where the cores went. */
function coreRows(s: SeriesResult, cores: number): string[][] {
  const names = [
    ...new Set(s.steps.flatMap((t) => coreShares(t.cpuSeconds, t.seconds, cores).map((c) => c.name))),
  ];
  return [
    ["process", ...s.steps.map((t) => `${int(t.clients)} clients`)],
    ...names.map((name) => [name, ...s.steps.map((t) => pct(t.cpuSeconds[name], t.seconds))]),
    [
      "all of the above",
      ...s.steps.map((t) =>
        pct(
          Object.values(t.cpuSeconds).reduce((a, b) => a + b, 0),
          t.seconds,
        ),
      ),
    ],
  ];
}

export function renderReport(r: BenchReport): string {
  const o = r.options;
  const out: string[] = [];
  out.push(`# Pregão capacity bench — ${r.startedAt} (commit ${r.commit})`, "");
  if (r.note) out.push(`**Run ${r.note}**; the report holds what was measured until then.`, "");
  out.push(
    `Machine: ${r.machine.cpus} × ${r.machine.model}, ${fmt(r.machine.memGb, 1)} GB, Node ${r.machine.node}; load avg ` +
      `at start ${r.machine.loadavg.map((l) => fmt(l, 2)).join(" ")}, at the end ` +
      `${r.loadavgAtEnd.map((l) => fmt(l, 2)).join(" ")}. Everything (sim, targets, gateway, load ` +
      `generator) runs on this machine over loopback.`,
    "",
    `Load: ${String(o.assetsPerClient)} assets per client (of ${String(o.assets)}), sim seed ${String(o.seed)} at ` +
      `${int(r.calibration.rate)} events/s (≈ ${int(r.calibration.targetMsgsPerSec)} upstream msgs/s; ${r.calibration.note}), ` +
      `conflation ${String(o.conflationMs)} ms; per step ${String(o.warmup)} s warm-up + ${String(o.duration)} s measured. ` +
      `A step passes when every client connects, none drops, and p99 tick-to-client latency ≤ ${P99_LIMIT_MS} ms. ` +
      `Whole run ${fmt(r.durationSeconds / 60, 1)} min.`,
    "",
    "## Headline",
    "",
    table(headlineRows(r.headline, r.series)),
    "",
    `Today (before this work): ${TODAY_CLIENTS} clients at 84 % of a core, p99 73 ms. "reading" compares with the ` +
      "target and asserts nothing; numbers move with whatever else runs on the machine.",
    "",
    `**Scaling on ${r.machine.cpus} cores:** the ideal for 2 instances is below 2×. Each BFF holds its own feed ` +
      "connection and parses the whole upstream, and both BFFs, nginx, the sim and the load generator share the same " +
      "cores; the per-process CPU below says where they went.",
  );
  for (const s of r.series) {
    out.push("", `## ${s.label}`, "");
    if (s.steps.length === 0) {
      out.push(`no step ran${s.error ? `: ${s.error}` : ""}`);
      continue;
    }
    out.push(
      table(stepRows(s)),
      "",
      `CPU per process over each window (seconds, % of one core):`,
      "",
      table(coreRows(s, r.machine.cpus)),
    );
    if (!s.ok) out.push("", `Stopped: ${s.error ?? "unknown error"}`);
  }
  out.push("", "## Idle memory per authenticated socket (BFF)", "");
  if (!r.idle) out.push("not run");
  else if ("error" in r.idle) out.push(`failed: ${r.idle.error}`);
  else {
    const m = r.idle;
    out.push(
      `${int(m.connected)} of ${int(m.requested)} sockets connected (the BFF reported ${m.held ?? "–"} clients). ` +
        `After a forced full GC: heapUsed ${fmt(m.before.heapUsedMb, 1)} → ${fmt(m.after.heapUsedMb, 1)} MB, RSS ` +
        `${fmt(m.before.rssMb, 1)} → ${fmt(m.after.rssMb, 1)} MB: **${fmt(m.heapKbPerSocket, 2)} KB heap and ` +
        `${fmt(m.rssKbPerSocket, 2)} KB RSS per socket**.`,
    );
  }
  out.push("", renderWeb(r.web), "");
  return out.join("\n");
}
