/** The frame probe's section of the report (src/frame-probe.ts). */
import { fmt } from "./format.ts";
import { FRAME_TARGETS } from "./frame-summary.ts";
import type { FrameProbeReport } from "./frame-probe.ts";

const verdict = (ok: boolean) => (ok ? "met" : "NOT met");

export function renderFrames(f: FrameProbeReport | undefined): string {
  const out = ["## Front end: long tasks and frame times (Chromium, trader's dashboard)"];
  if (!f) return [...out, "not run (--no-frames)."].join("\n");
  if (!f.ok) return [...out, `FAILED: ${f.error}`].join("\n");
  out.push(
    `${f.watchlistAssets}-asset watchlist + chart, book and tape (trader's default layout) at ${f.viewport}, sim at ` +
      `${fmt(f.rate, 0)} events/s, ${f.windowSeconds} s window; headless Chromium on the same machine as the stack.`,
  );
  out.push("");
  out.push(
    `- long tasks (> 50 ms): ${f.longTasks.count}, max ${fmt(f.longTasks.maxMs, 0)} ms, total ${fmt(f.longTasks.totalMs, 0)} ms — ` +
      `target "none over ${FRAME_TARGETS.longTaskMaxMs} ms": ${verdict(f.verdicts.noLongTaskOver50ms)}`,
  );
  out.push(
    `- frame time (rAF delta) p50 / p95 / p99 / max: ${fmt(f.frames.p50, 1)} / ${fmt(f.frames.p95, 1)} / ` +
      `${fmt(f.frames.p99, 1)} / ${fmt(f.frames.max, 1)} ms over ${f.frames.count} frames — target "p95 ≤ ` +
      `${FRAME_TARGETS.frameP95Ms} ms" (one 60 Hz frame): ${verdict(f.verdicts.frameP95Within16ms)}`,
  );
  out.push(`- frames dropped (delta > 16.7 ms): ${f.frames.dropped}`);
  out.push("");
  out.push("_Informational: the bench reports these targets, it does not fail on them._");
  return out.join("\n");
}
