/**
 * Abuse bench (issue 9, "Abuse limits"): a BFF (own process, demo users) over the simulator; one viewer session tries
 * 2,000 sockets × (100 quotes + 100 books) while a trader pings (`connection:ping`); then the viewer sends 5,000 events
 * its role may not send. Reports sockets accepted/refused, bytes pushed to the viewer, the trader's round trip before
 * vs during, and audit bytes per 1,000 denied events. Bounded (≈ 30 s).
 *
 *   node --import tsx bench/src/abuse.ts            # limits as configured (defaults)
 *   node --import tsx bench/src/abuse.ts --no-limits  # caps and session/user budgets off (today's behaviour)
 */
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { startSim } from "@pregao/sim";
import { login } from "./bff-login.ts";
import { sleep } from "./common.ts";
import { startService } from "./procs.ts";
import { socketAbuseLimitsOff } from "./abuse-limits.ts";

const SOCKETS = 2_000;
const DENIED = 5_000;
const PHASE_MS = 8_000;
const noLimits = process.argv.includes("--no-limits");

const dir = mkdtempSync(join(tmpdir(), "pregao-abuse-"));
const auditFile = join(dir, "audit.jsonl");
const sim = await startSim({ rate: 2_000, assets: 200, seed: 9, feedToken: "abuse-bench-token" });
const off = noLimits ? socketAbuseLimitsOff : {};
const bff = await startService("bff", "bff/src/index.ts", [], {
  PORT: "0",
  METRICS_PORT: "0",
  LOG_LEVEL: "info",
  PREGAO_DEMO: "1",
  USERS_FILE: join(dir, "users.json"),
  SERVICE_KEYS_DIR: join(dir, "keys"),
  AUDIT_LOG_FILE: auditFile,
  FEED_URL: sim.feedUrl,
  FEED_TOKEN: "abuse-bench-token",
  ORDER_MANAGER_URL: sim.servicesUrl,
  RATE_LOGIN_IP: "0",
  ...off,
});
const url = `http://127.0.0.1:${bff.port}`;
// Bounded: whatever happens, the BFF child dies with the bench and the bench ends within 60 s.
process.on("exit", () => bff.child.kill("SIGKILL"));
setTimeout(() => {
  console.error("abuse bench: 60 s budget exceeded");
  process.exit(2);
}, 60_000).unref();

/** A demo user's session headers (origin + cookie). */
const loginAs = (user: "viewer" | "trader") => login(url, { username: user, password: `pregao-${user}` });

function open(headers: Record<string, string>): Promise<Socket | string> {
  const s = io(url, {
    path: "/socket.io",
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    extraHeaders: headers,
  });
  return new Promise((resolve) => {
    s.once("connect", () => resolve(s));
    s.once("connect_error", (err: Error & { data?: { code?: string } }) => {
      s.close();
      resolve(err.data?.code ?? err.message);
    });
  });
}

async function assetsOf(headers: Record<string, string>): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${url}/api/v1/instruments?limit=100`, { headers });
    const body = (await res.json()) as unknown;
    const list = Array.isArray(body)
      ? body
      : ((body as { instruments?: unknown[]; items?: unknown[] }).instruments ??
        (body as { items?: unknown[] }).items ??
        []);
    const assets = (list as Array<{ asset: string }>).map((x) => x.asset);
    if (assets.length >= 100) return assets;
    await sleep(100);
  }
  throw new Error("instrument catalog not available");
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

/** The trader pings back to back for `ms`; returns the round trips (ms). */
async function pingFor(trader: Socket, ms: number): Promise<number[]> {
  const rtts: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    await trader
      .timeout(5_000)
      .emitWithAck("connection:ping", {})
      .catch(() => undefined);
    rtts.push(performance.now() - t0);
    await sleep(10);
  }
  return rtts;
}

const [viewerSession, traderSession] = [await loginAs("viewer"), await loginAs("trader")];
const assets = (await assetsOf(viewerSession)).slice(0, 100);
const trader = (await open(traderSession)) as Socket;
const before = await pingFor(trader, 2_000);

let bytes = 0;
const accepted: Socket[] = [];
const refused = new Map<string, number>();
const abuse = (async () => {
  const deadline = performance.now() + PHASE_MS;
  for (let i = 0; i < SOCKETS && performance.now() < deadline; i += 100) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(100, SOCKETS - i) }, () => open(viewerSession)),
    );
    for (const s of batch) {
      if (typeof s === "string") {
        refused.set(s, (refused.get(s) ?? 0) + 1);
        continue;
      }
      accepted.push(s);
      s.io.engine.on("data", (d: unknown) => {
        bytes += typeof d === "string" ? d.length : (d as ArrayBuffer).byteLength;
      });
      s.emit("quotes:subscribe", { assets }, () => undefined);
      s.emit("book:subscribe", { assets }, () => undefined);
    }
  }
})();
const during = await pingFor(trader, PHASE_MS);
await abuse;
const pushedBytes = bytes;
const tried = accepted.length + [...refused.values()].reduce((a, b) => a + b, 0);
for (const s of accepted.slice(1)) s.close();

const probe = accepted[0];
const auditBefore = statSync(auditFile).size;
if (probe)
  await Promise.all(
    Array.from({ length: DENIED }, () =>
      probe
        .timeout(10_000)
        .emitWithAck("ops:subscribe", {})
        .catch(() => undefined),
    ),
  );
probe?.close();
trader.close();
await bff.stop(); // SIGTERM: the BFF writes its open audit aggregates and drains the queue
const auditBytes = statSync(auditFile).size - auditBefore;
const auditLines = readFileSync(auditFile, "utf8").split("\n").filter(Boolean).length;
await sim.close();

const r = (x: number) => Math.round(x * 10) / 10;
const report = {
  mode: noLimits ? "limits off (caps and session/user budgets 0)" : "limits on (defaults)",
  socketsTried: tried,
  socketsAccepted: accepted.length,
  socketsRefused: Object.fromEntries(refused),
  bytesPushedToViewer: pushedBytes,
  phaseSeconds: PHASE_MS / 1000,
  traderRttMs: {
    before: { p50: r(pct(before, 50)), p99: r(pct(before, 99)), n: before.length },
    during: { p50: r(pct(during, 50)), p99: r(pct(during, 99)), n: during.length },
  },
  auditBytesPer1000Denied: Math.round(auditBytes / (DENIED / 1000)),
  auditLinesTotal: auditLines,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
process.exit(0);
