import { parseArgs } from "node:util";
import { DEFAULT_JWKS_URL, startSim } from "./index.ts";
import { createLogger, startTracing } from "@pregao/telemetry";
import pkg from "../package.json" with { type: "json" };

/** Process wiring only: CLI flags override env vars, which override defaults. */
// `pnpm start -- --rate 200` may forward the `--` separator itself; parseArgs would then treat flags as positionals.
const argv = process.argv.slice(2).filter((a, i) => !(i === 0 && a === "--"));
const { values } = parseArgs({
  args: argv,
  options: {
    port: { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    rate: { type: "string" },
    assets: { type: "string" },
    "services-port": { type: "string" },
    "jwks-url": { type: "string" },
    "trading-hours": { type: "string" },
  },
  allowPositionals: true,
});
const env = process.env;
const num = (name: string, raw: string | undefined, fallback: number | undefined): number | undefined => {
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`invalid ${name}: ${raw}`);
    process.exit(2);
  }
  return n;
};

// Tracing before anything makes a span: the order manager continues the BFF's traces (OTLP export only when set).
const tracing = startTracing({ serviceName: "pregao-sim", version: pkg.version, env });
const logLevel = env.LOG_LEVEL ?? "info";
const log = createLogger({ level: logLevel, svc: "sim" });
const assets = num("assets", values.assets ?? env.SIM_ASSETS, undefined);
const hoursRaw = values["trading-hours"] ?? env.SIM_TRADING_HOURS;
const hours = hoursRaw ? /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(hoursRaw) : null;
if (hoursRaw && !hours) {
  console.error(`invalid trading-hours: ${hoursRaw} (HH:MM-HH:MM)`);
  process.exit(2);
}
const sim = await startSim({
  servicesPort: num("services-port", values["services-port"] ?? env.SIM_SERVICES_PORT, 3205)!,
  jwksUrl: values["jwks-url"] ?? env.SERVICE_JWKS_URL ?? DEFAULT_JWKS_URL,
  ...(hours ? { tradingHours: { start: hours[1]!, end: hours[2]!, alwaysOpen: false } } : {}),
  port: num("port", values.port ?? env.SIM_PORT, 9001)!,
  host: values.host ?? env.SIM_HOST ?? "127.0.0.1",
  seed: num("seed", values.seed ?? env.SIM_SEED, 1)!,
  rate: num("rate", values.rate ?? env.SIM_RATE, 50)!,
  ...(assets === undefined ? {} : { assets }),
  ...(env.FEED_TOKEN ? { feedToken: env.FEED_TOKEN } : {}),
  controlToken: env.SIM_CONTROL_TOKEN || "dev-control-token",
  logLevel,
});
log.info(
  {
    port: sim.port,
    feedUrl: sim.feedUrl,
    controlUrl: sim.controlUrl,
    servicesPort: sim.servicesPort,
    servicesUrl: sim.servicesUrl,
    feedStaticToken: Boolean(env.FEED_TOKEN),
    tracesExportUrl: tracing.exportUrl,
  },
  "sim listening",
);

const shutdown = (signal: string) => {
  log.info({ signal }, "sim shutting down");
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  void sim
    .close()
    .then(() => tracing.shutdown()) // flushes the spans still batched
    .then(() => process.exit(0));
};
process.once("SIGINT", () => shutdown("SIGINT"));
process.once("SIGTERM", () => shutdown("SIGTERM"));
