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
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
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
