/**
 * Front-end frame times under the bench's feed: the sim at the bench's rate and the BFF serving the built SPA (loopback
 * only). Chromium logs in as a trader through the login form, the trader's workspace gets a watchlist of
 * `watchlistSize` sim instruments (the trader's default layout: watchlist, chart, book, tape, ticket, blotter…), and
 * once every watchlist row shows a price the page records PerformanceObserver `longtask` entries and
 * requestAnimationFrame deltas for a fixed window. Reports numbers and target verdicts; asserts nothing.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CSRF_HEADER } from "@pregao/contracts";
import { sleep } from "./common.ts";
import type { BenchContext } from "./context.ts";
import { summariseFrames, type FrameSummary } from "./frame-summary.ts";
import { startSim } from "./sim.ts";
import { startBffTarget, type StartedTarget } from "./targets.ts";

export interface FrameProbeOptions {
  /** Measurement window, seconds. */
  seconds: number;
  /** Watchlist rows (the streaming session: 30). */
  watchlistSize: number;
  /** The built SPA the BFF serves (`pnpm build:web`). */
  webDist: string;
  chromiumPath: string;
}

export type FrameProbeReport =
  | ({ ok: true; rate: number; watchlistAssets: number; viewport: string } & FrameSummary)
  | { ok: false; error: string };

const VIEWPORT = { width: 1600, height: 900 };
/** Most rAF deltas / long tasks the page keeps (a window far longer than planned still has bounded memory). */
const MAX_SAMPLES = 100_000;
/** Login, workspace and the first prices of every row; a stack that is not up by then is reported as failed. */
const DASHBOARD_TIMEOUT_MS = 60_000;

/** Runs in the page before any app script: observers on from the start, recording only between start and stop. */
const PROBE_SCRIPT = `(() => {
  const probe = { on: false, deltas: [], long: [] };
  window.__pregaoFrameProbe = probe;
  try {
    new PerformanceObserver((list) => {
      if (!probe.on) return;
      for (const e of list.getEntries()) if (probe.long.length < ${MAX_SAMPLES}) probe.long.push(e.duration);
    }).observe({ type: "longtask" });
  } catch { /* longtask unsupported: reported as none */ }
  let last;
  const frame = (t) => {
    if (probe.on && last !== undefined && probe.deltas.length < ${MAX_SAMPLES}) probe.deltas.push(t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

interface ProbeSamples {
  deltas: number[];
  long: number[];
}

export async function runFrameProbe(
  ctx: BenchContext,
  rate: number,
  opts: FrameProbeOptions,
): Promise<FrameProbeReport> {
  if (!existsSync(join(opts.webDist, "index.html")))
    return { ok: false, error: `${opts.webDist} is not built (pnpm build:web, or --build-web)` };
  const sim = await startSim(ctx, rate);
  let target: StartedTarget | undefined;
  let browser: Browser | undefined;
  try {
    // A throwaway in-memory workspace store: no PGlite directory shared with another BFF.
    target = await startBffTarget(ctx, sim, { WEB_DIST: opts.webDist });
    browser = await chromium.launch({ executablePath: opts.chromiumPath, headless: true });
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await page.addInitScript(PROBE_SCRIPT);
    await logIn(page, target);
    const assets = await setWatchlist(page, target.url, opts.watchlistSize);
    await page.reload();
    await waitForDashboard(page, assets.length);
    ctx.log(`frames: dashboard streaming ${assets.length} assets; recording ${opts.seconds} s`);
    await page.evaluate("window.__pregaoFrameProbe.on = true");
    await sleep(opts.seconds * 1000);
    const samples = (await page.evaluate(
      "(() => { const p = window.__pregaoFrameProbe; p.on = false; return { deltas: p.deltas, long: p.long }; })()",
    )) as ProbeSamples;
    return {
      ok: true,
      rate,
      watchlistAssets: assets.length,
      viewport: `${VIEWPORT.width}×${VIEWPORT.height}`,
      ...summariseFrames(samples.deltas, samples.long, opts.seconds),
    };
  } catch (e) {
    return { ok: false, error: (e as Error).message.split("\n").slice(0, 6).join("\n") };
  } finally {
    await browser?.close().catch(() => undefined);
    if (target) {
      await ctx.live.stop(target.proc);
      target.cleanup();
    }
    await ctx.live.stop(sim);
  }
}

async function logIn(page: Page, target: StartedTarget): Promise<void> {
  if (!target.user) throw new Error("the BFF target has no user to log in with");
  await page.goto(`${target.url}/login`);
  const form = page.getByRole("form", { name: "Log in" });
  await form.getByLabel("Username").fill(target.user.username);
  await form.getByLabel("Password").fill(target.user.password);
  await form.getByRole("button", { name: "Log in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: DASHBOARD_TIMEOUT_MS });
}

interface WorkspaceBody {
  activeWatchlist: string;
  watchlists: Array<{ name: string; assets: string[] }>;
}

/** The trader's workspace (role default) with its active watchlist replaced by the first `size` sim instruments. */
async function setWatchlist(page: Page, url: string, size: number): Promise<string[]> {
  const headers = { origin: url, [CSRF_HEADER]: "1" };
  const list = await page.request.get(`${url}/api/v1/instruments?limit=${size}`, { headers });
  if (!list.ok()) throw new Error(`GET /api/v1/instruments: HTTP ${list.status()}`);
  const assets = ((await list.json()) as { instruments: Array<{ asset: string }> }).instruments
    .map((i) => i.asset)
    .slice(0, size);
  const got = await page.request.get(`${url}/api/v1/workspace`, { headers });
  if (!got.ok()) throw new Error(`GET /api/v1/workspace: HTTP ${got.status()}`);
  const ws = (await got.json()) as WorkspaceBody;
  const active = ws.watchlists.find((w) => w.name === ws.activeWatchlist);
  if (!active) throw new Error("the workspace has no active watchlist");
  active.assets = assets;
  const put = await page.request.put(`${url}/api/v1/workspace`, { headers, data: ws });
  if (!put.ok()) throw new Error(`PUT /api/v1/workspace: HTTP ${put.status()} ${await put.text()}`);
  return assets;
}

/** Every watchlist row has a last price, and the chart, book and tape panels are on screen. */
async function waitForDashboard(page: Page, rows: number): Promise<void> {
  const watchlist = page.getByRole("region", { name: "Watchlist" });
  const priced = watchlist.getByTestId(/^last-/).filter({ hasText: /\d/ });
  const end = Date.now() + DASHBOARD_TIMEOUT_MS;
  while ((await priced.count()) < rows) {
    if (Date.now() > end) throw new Error(`the watchlist did not show ${rows} priced rows within 60 s`);
    await sleep(250);
  }
  for (const name of ["Chart", "Order book", "Time and sales"])
    await page.getByRole("region", { name }).waitFor({ state: "visible", timeout: DASHBOARD_TIMEOUT_MS });
}
