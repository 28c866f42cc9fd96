import { clientConfigSchema, type ClientConfig } from "@pregao/contracts";
import { api, call } from "./api-client.ts";
import type * as SentryModule from "./sentry-sdk.ts";

type Sentry = typeof SentryModule;

/** Collect nothing personal by default (the `dataCollection` option of @sentry/react 11). */
const NO_PII = {
  userInfo: false,
  cookies: false,
  httpHeaders: false,
  httpBodies: [] as never[],
  urlQueryParams: false,
};

let sentry: Sentry | null = null;
let starting: Promise<void> | null = null;
/** The logged-in user's id, kept while the SDK loads so the first event already carries it. */
let userId: string | null = null;

/**
 * Start error reporting from the BFF's runtime settings (`GET /api/v1/client-config`).
 *
 * Why runtime and not `VITE_SENTRY_DSN`: one web build is promoted through every environment (the bundle, its hash and
 * its source maps stay the same from staging to production), so the DSN, environment and sample rate are the BFF's
 * settings (WEB_SENTRY_*). With `sentry: null` — or when the settings cannot be read — the SDK is never downloaded:
 * it lives in its own lazy chunk (vendor-sentry) reached only through the dynamic import below.
 *
 * Release = the build's git SHA (`VITE_GIT_SHA`, set by vite.config.ts). No default PII, and no replay or tracing
 * integrations: the browser's traces start with `traceparent` (lib/api-client.ts), not with the SDK.
 */
export function initSentry(load: () => Promise<Sentry> = () => import("./sentry-sdk.ts")): Promise<void> {
  starting ??= start(load);
  return starting;
}

async function start(load: () => Promise<Sentry>): Promise<void> {
  let config: ClientConfig;
  try {
    config = await call((o) => api["client-config"].$get({}, o), clientConfigSchema, {
      onSessionError: "throw",
    });
  } catch (err) {
    console.warn("error reporting off: client config unavailable", err);
    return;
  }
  if (!config.sentry) return;
  const mod = await load();
  mod.init({
    dsn: config.sentry.dsn,
    environment: config.sentry.environment,
    sampleRate: config.sentry.sampleRate,
    release: import.meta.env.VITE_GIT_SHA,
    // SDK 11's replacement for `sendDefaultPii: false`: no inferred user fields (IP), cookies, headers, bodies or
    // query strings; the only user datum is the opaque id set below.
    dataCollection: NO_PII,
  });
  mod.setUser(userId === null ? null : { id: userId });
  sentry = mod;
}

/** Whether errors currently go anywhere. */
export function isSentryEnabled(): boolean {
  return sentry !== null;
}

/**
 * The session's user for every later event: the opaque id only (no username, email or IP). `null` on logout.
 * Safe to call before the SDK has loaded; it is applied once it has.
 */
export function setSentryUser(id: string | null): void {
  userId = id;
  sentry?.setUser(id === null ? null : { id });
}

/** Report an error caught by a panel's boundary, tagged with the panel id. No-op without Sentry. */
export function reportPanelError(panel: string, error: unknown, componentStack?: string | null): void {
  const s = sentry;
  if (!s) return;
  s.withScope((scope) => {
    scope.setTag("panel", panel);
    if (componentStack) scope.setContext("react", { componentStack });
    s.captureException(error);
  });
}

/** Tests only: forget the loaded SDK and settings. */
export function resetSentryForTests(): void {
  sentry = null;
  starting = null;
  userId = null;
}
