/** Result types, ratios and the human-readable report (plain text table and Markdown share one layout). */
import { fmt } from "./format.ts";
import { memoryNotes, memoryRows } from "./report-memory.ts";
import { renderFrames } from "./report-frames.ts";
import type { BenchReport, TargetResult } from "./results.ts";

export function ratio(a: number | undefined, b: number | undefined): number | null {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0)
    return null;
  return a / b;
}

/** BFF ÷ raw for the headline figures. */
export function computeRatios(
  bff: TargetResult | undefined,
  raw: TargetResult | undefined,
): Record<string, number | null> {
  return {
    latencyP50: ratio(bff?.latency.p50, raw?.latency.p50),
    latencyP99: ratio(bff?.latency.p99, raw?.latency.p99),
    cpuAvg: ratio(bff?.cpu.avg, raw?.cpu.avg),
    rssPeak: ratio(bff?.rssMb.peak, raw?.rssMb.peak),
    deliveredPerSec: ratio(bff?.deliveredPerSec, raw?.deliveredPerSec),
    messagesPerSec: ratio(bff?.messagesPerSec, raw?.messagesPerSec),
  };
}

/** Plain-language flags for conditions that make a column's numbers mean "saturated", not "slow". */
export function saturationNotes(t: TargetResult): string[] {
  if (!t.ok) return [];
  const notes: string[] = [];
  const name = t.label;
  if (t.connectFailures > 0)
    notes.push(
      `${name}: ${t.connectFailures} of ${t.clientsRequested} clients could not connect/subscribe (${t.connectErrors.join("; ")}).`,
    );
  if (t.upstreamCuts)
    notes.push(
      `${name}: the sim cut the target's upstream link ${t.upstreamCuts}× as a slow consumer (it could not read the feed fast enough); updates were lost while it reconnected.`,
    );
  if (t.latency.p50 > 1000)
    notes.push(
      `${name}: median latency ${fmt(t.latency.p50 / 1000, 1)} s — a standing backlog (socket buffers between target and clients), not per-message cost; the target and/or the load clients cannot keep up with ${fmt(t.expectedUpdates / t.measureSeconds, 0)} updates/s.`,
    );
  if (t.clientCpu.avg > 70 || t.clientLoopDelayMs.p99 > 100)
    notes.push(
      `${name}: the load-client process was busy (CPU avg ${fmt(t.clientCpu.avg, 0)} %, event-loop p99 ${fmt(t.clientLoopDelayMs.p99, 0)} ms), so its latencies include client-side queueing.`,
    );
  if (t.machineBusyPct > 90)
    notes.push(
      `${name}: the machine was ${fmt(t.machineBusyPct, 0)} % busy during the window (all cores, all processes).`,
    );
  if (t.disconnectsDuringRun > 0)
    notes.push(`${name}: ${t.disconnectsDuringRun} clients disconnected during the window.`);
  return notes;
}

const int = (n: number | null | undefined) => fmt(n, 0);
const x = (n: number | null | undefined) =>
  n === null || n === undefined ? "–" : n < 0.1 && n > 0 ? `${n.toPrecision(2)}×` : `${fmt(n, 2)}×`;
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} kB`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c]!)).join(" | ")} |`;
  const sep = `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`;
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join("\n");
}

export function renderReport(r: BenchReport): string {
  const raw = r.targets.find((t) => t.target === "raw");
  const bff = r.targets.find((t) => t.target === "bff");
  const cols = [raw, bff];
  const cell = (f: (t: TargetResult) => string) =>
    cols.map((t) => (t ? (t.ok ? f(t) : "FAILED") : "not run"));
  const out: string[] = [];
  const o = r.options;
  out.push(`# Pregão bench — ${r.startedAt}`);
  out.push("");
  out.push(
    `Machine: ${r.machine.cpus} × ${r.machine.model}, ${fmt(r.machine.memGb, 1)} GB, Node ${r.machine.node}, ` +
      `${r.machine.platform}; load avg at start ${r.machine.loadavg.map((l) => fmt(l, 2)).join(" ")}.`,
  );
  out.push(`**Caveat:** ${r.caveat}`);
  out.push("");
  out.push(
    `Load: ${o.clients} clients × ${o.assetsPerClient} assets (of ${o.assets}), sim seed ${o.seed} at ` +
      `${int(r.calibration.rate)} events/s (target ${int(r.calibration.targetMsgsPerSec)} msgs/s; ${r.calibration.note}); ` +
      `warm-up ${o.warmup} s, measure ${o.duration} s per target; BFF CONFLATION_MS=${o.conflationMs}; ` +
      `raw relay slow-client guard ${int(Number(o.maxBuffered) / 1024)} KiB. Whole run ${fmt(r.durationSeconds, 0)} s.`,
  );
  out.push("");
  const rows: string[][] = [
    ["", "raw ws relay (baseline)", "BFF (socket.io)", "BFF ÷ raw"],
    ["upstream msgs/s (probe, all assets)", ...cell((t) => int(t.upstreamMsgsPerSec)), ""],
    [
      "sim → direct consumer latency p50 / p99 (ms, floor)",
      ...cell((t) => `${fmt(t.upstreamLatency.p50, 1)} / ${fmt(t.upstreamLatency.p99, 1)}`),
      "",
    ],
    [
      "machine CPU busy % during window / load avg after",
      ...cell((t) => `${fmt(t.machineBusyPct, 0)} % / ${fmt(t.loadavgAfter, 2)}`),
      "",
    ],
    [
      "clients connected / requested",
      ...cell(
        (t) =>
          `${t.clientsConnected} / ${t.clientsRequested}${t.connectFailures ? ` (${t.connectFailures} failed)` : ""}`,
      ),
      "",
    ],
    ["connect time (s)", ...cell((t) => fmt(t.connectSeconds, 1)), ""],
    [
      "updates that an unconflated relay would send /s",
      ...cell((t) => int(t.expectedUpdates / t.measureSeconds)),
      "",
    ],
    ["updates delivered /s (total)", ...cell((t) => int(t.deliveredPerSec)), x(r.ratios.deliveredPerSec)],
    [
      "updates delivered /s per client (min–max)",
      ...cell(
        (t) =>
          `${fmt(t.deliveredPerClientPerSec, 1)} (${int(t.perClientMinPerSec)}–${int(t.perClientMaxPerSec)})`,
      ),
      "",
    ],
    [
      "socket messages received /s (events or frames)",
      ...cell((t) => int(t.messagesPerSec)),
      x(r.ratios.messagesPerSec),
    ],
    [
      "not delivered /s (derived: expected − delivered)",
      ...cell(
        (t) =>
          `${int(t.notDeliveredDerived / t.measureSeconds)} (${fmt((100 * t.notDeliveredDerived) / Math.max(1, t.expectedUpdates), 1)} %)`,
      ),
      "",
    ],
    [
      "conflated (BFF) / dropped (raw) /s, target's own counter",
      ...cell((t) =>
        t.conflatedReported === null
          ? "n/a"
          : `${int(t.conflatedReported / t.measureSeconds)} ${t.target === "bff" ? "conflated" : "dropped"}` +
            (t.skippedFlushesReported
              ? `, ${int(t.skippedFlushesReported)} flushes skipped (backpressure)`
              : ""),
      ),
      "",
    ],
    [
      "target's upstream link cut by the sim (slow consumer) / reconnects",
      ...cell((t) => (t.upstreamCuts === null ? "n/a" : int(t.upstreamCuts))),
      "",
    ],
    ["latency p50 (ms) sim → client", ...cell((t) => fmt(t.latency.p50, 1)), x(r.ratios.latencyP50)],
    ["latency p90 (ms)", ...cell((t) => fmt(t.latency.p90, 1)), ""],
    ["latency p99 (ms)", ...cell((t) => fmt(t.latency.p99, 1)), x(r.ratios.latencyP99)],
    ["latency max (ms)", ...cell((t) => fmt(t.latency.max, 1)), ""],
    [
      "BFF receivedAt → client p50 / p99 (ms)",
      ...cell((t) =>
        t.bffInternalLatency
          ? `${fmt(t.bffInternalLatency.p50, 1)} / ${fmt(t.bffInternalLatency.p99, 1)}`
          : "n/a",
      ),
      "",
    ],
    [
      "target CPU % avg / max (100 = 1 core)",
      ...cell((t) => `${fmt(t.cpu.avg, 0)} / ${fmt(t.cpu.max, 0)}`),
      x(r.ratios.cpuAvg),
    ],
    ...memoryRows(cell, x, r.ratios.rssPeak),
    [
      "load-client process CPU % avg / max",
      ...cell((t) => `${fmt(t.clientCpu.avg, 0)} / ${fmt(t.clientCpu.max, 0)}`),
      "",
    ],
    ["load-client event-loop delay p99 (ms)", ...cell((t) => fmt(t.clientLoopDelayMs.p99, 1)), ""],
    ["sim CPU % avg / max", ...cell((t) => `${fmt(t.simCpu.avg, 0)} / ${fmt(t.simCpu.max, 0)}`), ""],
    ["client disconnects during measure", ...cell((t) => int(t.disconnectsDuringRun)), ""],
  ];
  out.push(table(rows));
  for (const t of r.targets.filter((t) => !t.ok)) out.push(`\n${t.label} failed: ${t.error}`);
  const notes = r.targets.flatMap((t) => [...saturationNotes(t), ...memoryNotes(t)]);
  if (notes.length) {
    out.push("");
    out.push("Notes:");
    for (const n of notes) out.push(`- ${n}`);
  }

  out.push("");
  out.push("## First screen JavaScript (web/dist)");
  const w = r.web;
  if (w.status === "not-built") {
    out.push(
      `not built — ${w.distDir}/index.html is missing. Run \`pnpm build:web\` (or \`pnpm bench --build-web\`).`,
    );
  } else {
    if (w.stale)
      out.push("_Warning: web/src has files newer than web/dist/index.html — the build may be stale._");
    out.push(
      `Initial JS (module scripts + modulepreloads in index.html): **${kb(w.initialGzipTotal)} gzip** ` +
        `(${kb(w.initialBytesTotal)} raw), lazy JS total ${kb(w.lazyGzipTotal)} gzip.`,
    );
    out.push("");
    out.push(
      table([
        ["chunk", "kind", "raw", "gzip"],
        ...w.initial.map((c) => [c.file, "initial", kb(c.bytes), kb(c.gzip)]),
        ...w.lazy.map((c) => [c.file, "lazy", kb(c.bytes), kb(c.gzip)]),
        ...w.css.map((c) => [c.file, "css (initial, not in JS total)", kb(c.bytes), kb(c.gzip)]),
      ]),
    );
  }
  out.push("");
  out.push(renderFrames(r.frames));
  out.push("");
  return out.join("\n");
}
