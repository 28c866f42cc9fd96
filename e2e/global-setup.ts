import { ensureWebBuild } from "./web-build.ts";

/**
 * Playwright's global setup: every worker's BFF serves web/dist-e2e, so a run of one spec (`pnpm exec playwright test
 * e2e/tests/x.spec.ts`) rebuilds it first when a source changed since the last build, and skips the build otherwise.
 */
export default function globalSetup(): void {
  ensureWebBuild("e2e");
}
