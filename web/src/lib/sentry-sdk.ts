/**
 * The slice of @sentry/react the app uses. lib/sentry.ts imports this module dynamically, so the SDK is a lazy chunk,
 * and named imports (not the whole namespace) let the bundler drop replay, tracing and the rest.
 */
export { captureException, init, setUser, withScope } from "@sentry/react";
