import type { ClientConfig } from "@pregao/contracts";
import type { Config } from "../../env.ts";
import { routeApp } from "../route-app.ts";
import { clientConfigDefs } from "./defs.ts";

/** The settings `GET /api/v1/client-config` is built from. */
export type ClientConfigSettings = Pick<
  Config,
  "NODE_ENV" | "WEB_SENTRY_DSN" | "WEB_SENTRY_ENVIRONMENT" | "WEB_SENTRY_SAMPLE_RATE"
>;

/**
 * What the SPA needs before login, from the BFF's settings. The DSN is a runtime setting so one web build serves every
 * environment (staging and production differ only in the BFF's env); no DSN → `sentry: null`.
 */
export function clientConfigFrom(settings: ClientConfigSettings): ClientConfig {
  if (!settings.WEB_SENTRY_DSN) return { sentry: null };
  return {
    sentry: {
      dsn: settings.WEB_SENTRY_DSN,
      environment: settings.WEB_SENTRY_ENVIRONMENT ?? settings.NODE_ENV,
      sampleRate: settings.WEB_SENTRY_SAMPLE_RATE,
    },
  };
}

/**
 * `GET /api/v1/client-config` (public). Short private cache: a changed DSN reaches browsers on their next load, and no
 * shared cache holds one environment's answer for another.
 */
export const clientConfigRoute = (config: ClientConfig) =>
  routeApp().openapi(clientConfigDefs.read, (c) => {
    c.header("Cache-Control", "private, max-age=60");
    return c.json(config, 200);
  });
