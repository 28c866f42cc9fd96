import { pino } from "pino";
import { loadConfig } from "./env.ts";
import { startBff } from "./server.ts";

// Process wiring only: config → BFF → log → signals.
const config = loadConfig();
const logger = pino({ level: config.LOG_LEVEL, base: { svc: "bff" } });
const bff = await startBff(config, logger);
logger.info({ port: bff.port, url: bff.url, feed: config.FEED_URL }, "listening");

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  bff.close().then(
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
