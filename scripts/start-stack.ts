/**
 * `pnpm start`: the whole stack on embedded defaults — simulator (9001), BFF serving the built SPA (9080), in explicit
 * demo mode (PREGAO_DEMO=1: documented demo users; the BFF refuses demo mode when NODE_ENV=production).
 * `pnpm dev`: the same plus the Vite dev server (5173) with hot reload, proxying to the BFF.
 * Child output is prefixed and passed through; Ctrl-C stops everything.
 */
import { BFF_NODE_FLAGS } from "../bff/src/node-flags.ts";
import { createProcessGroup, waitForHttp } from "./stack-processes.ts";

const dev = process.argv.includes("--dev");
const simPort = process.env.SIM_PORT ?? "9001";
const bffPort = process.env.PORT ?? "9080";
const servicesPort = process.env.SIM_SERVICES_PORT ?? "3205";
const group = createProcessGroup();
const { run } = group;

// The sim verifies the BFF's service tokens (feed, order manager, risk) against the BFF's JWKS; it fetches the key set
// lazily, so starting both at once is fine.
run("sim", ["--import", "tsx", "sim/src/main.ts", "--port", simPort, "--services-port", servicesPort], {
  SERVICE_JWKS_URL: process.env.SERVICE_JWKS_URL ?? `http://127.0.0.1:${bffPort}/.well-known/jwks.json`,
});
run("bff", [...BFF_NODE_FLAGS, "--import", "tsx", "bff/src/index.ts"], {
  PREGAO_DEMO: process.env.PREGAO_DEMO ?? "1",
  PORT: bffPort,
  FEED_URL: process.env.FEED_URL ?? `ws://127.0.0.1:${simPort}/feed/v1`,
  ORDER_MANAGER_URL: process.env.ORDER_MANAGER_URL ?? `http://127.0.0.1:${servicesPort}`,
});
if (dev) run("web", ["node_modules/vite/bin/vite.js", "--port", "5173", "--strictPort"]);

const url = dev ? "http://127.0.0.1:5173" : `http://127.0.0.1:${bffPort}`;
void announceWhenLive();

/** Prints the URL once the BFF answers its liveness probe (up to 60 s). */
async function announceWhenLive(): Promise<void> {
  if (!(await waitForHttp(`http://127.0.0.1:${bffPort}/health/live`, 60_000, () => group.stopping))) return;
  process.stdout.write(
    `\n  Pregão is up: open ${url}\n  Prometheus metrics: http://${process.env.METRICS_HOST ?? "127.0.0.1"}:${process.env.METRICS_PORT ?? "9464"}/metrics\n  Demo users: trader / pregao-trader, risk / pregao-risk, viewer / pregao-viewer\n  (Ctrl-C stops the stack)\n\n`,
  );
}
