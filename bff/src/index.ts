import { loadConfig } from "./env.ts";
import { createLogger, startTracing } from "@pregao/telemetry";
import { startBff } from "./server.ts";
import pkg from "../package.json" with { type: "json" };

// Process wiring only: config → tracing (before anything makes a span) → logger → BFF → signals.
const config = loadConfig();
const tracing = startTracing({ serviceName: "pregao-bff", version: pkg.version, env: config });
const logger = createLogger({ level: config.LOG_LEVEL, svc: "bff" });
const bff = await startBff(config, logger);
logger.info(
  { port: bff.port, url: bff.url, feed: config.FEED_URL, tracesExportUrl: tracing.exportUrl },
  "listening",
);

/** Closing after the drain: sockets, upstream links, stores. A hung close still ends the process after this long. */
const CLOSE_BOUND_MS = 5_000;
let stopping = false;
/**
 * SIGTERM (a deploy, the orchestrator, the gateway's operator): drain first — readiness 503, no new sockets, clients
 * told to reconnect elsewhere with jitter, in-flight requests answered (DRAIN_TIMEOUT_MS) — then close. SIGINT
 * (Ctrl-C on a laptop) closes at once. Either way the process exits within its bound.
 */
const shutdown = (signal: "SIGTERM" | "SIGINT"): void => {
  if (stopping) return;
  stopping = true;
  const drain = signal === "SIGTERM";
  logger.info({ signal, drain }, "shutting down");
  const force = setTimeout(
    () => {
      logger.error({ signal }, "shutdown bound reached; exiting");
      process.exit(1);
    },
    (drain ? config.DRAIN_TIMEOUT_MS : 0) + CLOSE_BOUND_MS,
  );
  force.unref();
  (drain ? bff.drain() : Promise.resolve())
    .then(() => bff.close())
    .then(() => tracing.shutdown()) // flushes the spans still batched
    .then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
};
// SIGHUP: re-read the service-token key directory now (after `keys rotate` / `keys retire`).
process.on("SIGHUP", () => {
  bff.services.keys.reload().then(
    () => logger.info({ keys: bff.services.keys.describe() }, "service keys reloaded (SIGHUP)"),
    () => undefined,
  );
});
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
