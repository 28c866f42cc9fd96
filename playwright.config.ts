import { fileURLToPath } from "node:url";
import { defineConfig, devices } from "@playwright/test";
import { findChromium } from "./e2e/fixtures/chromium.ts";

/**
 * E2E suites run in the system Chromium (Playwright's own browser download is blocked here).
 * Each worker starts its own simulator + BFF (e2e/fixtures/stack.ts), so fault injection never leaks across workers.
 */
export default defineConfig({
  testDir: "e2e/tests",
  // Rebuilds web/dist-e2e when a source is newer than it (absolute: the gateway config reuses this one from elsewhere).
  globalSetup: fileURLToPath(new URL("./e2e/global-setup.ts", import.meta.url)),
  // Each worker runs Chromium, a sim and a BFF on a 2-core CI machine: a cold dashboard load takes 5–15 s there.
  timeout: 45_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  // One retry on CI: a test that fails twice fails the run; one that passes on retry is reported as flaky in the list
  // and the HTML report, so it is seen and fixed rather than hidden. Locally a failure is a failure.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    ...devices["Desktop Chrome"],
    // The UI follows the browser's language: E2E runs in English (a spec may `test.use({ locale: "pt-BR" })`).
    locale: "en-US",
    viewport: { width: 1440, height: 900 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: findChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
