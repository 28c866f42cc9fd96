import type * as SentryModule from "./sentry-sdk.ts";

let sentry: typeof SentryModule | null = null;

/**
 * Initialise Sentry only when `VITE_SENTRY_DSN` is set. The SDK is a dynamic import, so builds without a DSN never
 * download it. Release is the git SHA of the build (`VITE_GIT_SHA`).
 */
export async function initSentry(): Promise<void> {
  const dsn = import.meta.env.VITE_SENTRY_DSN;
  if (!dsn || sentry) return;
  const mod = await import("./sentry-sdk.ts");
  mod.init({
    dsn,
    release: import.meta.env.VITE_GIT_SHA,
    environment: import.meta.env.MODE,
  });
  sentry = mod;
}

/** Whether errors currently go anywhere. */
export function isSentryEnabled(): boolean {
  return sentry !== null;
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
