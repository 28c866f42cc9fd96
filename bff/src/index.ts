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

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  bff
    .close()
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
