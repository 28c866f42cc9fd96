import { test, expect } from "../../fixtures/quiet-market.ts";
import { DashboardSnapshot } from "../../components/dashboard-snapshot.ts";
import { freezeClock, showTheme, waitForQuietDashboard } from "../../flows/quiet-dashboard.ts";

/*
 * Each role's default dashboard, at a laptop's 1280×720 and a desk's 1920×1080, in both themes: 12 baselines.
 *
 * Deterministic by construction, not by masking: the worker's simulator never moves (fixtures/quiet-market.ts: rate 0
 * from its seed, three seeded prints, staleness beyond the test), the browser's clock is fixed (freezeClock), the
 * workspace is the role default (the fixture resets it), animations and the caret are off. What is left — the
 * chart's canvas and bar time and the Health sparklines (masked), print times, ages, round trips and server times in
 * the header, tape, Connection and Health panels (hidden by clock-free.css) — is listed in DashboardSnapshot. Tables
 * keep every border, background and alignment, so a missing stylesheet fails the comparison.
 *
 * Tolerance: 0.5 % of the pixels (maxDiffPixelRatio 0.005), for anti-aliasing only.
 */
const VIEWPORTS = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
] as const;

for (const role of ["trader", "risk", "viewer"] as const) {
  test.describe(`as ${role}`, () => {
    // bypassCSP: for clock-free.css only (see DashboardSnapshot); the app's own styles load from 'self' either way.
    test.use({ user: role, colorScheme: "dark", bypassCSP: true });

    test(
      `the default dashboard at 1280×720 and 1920×1080, dark and light`,
      { tag: "@visual" },
      async ({ dashboard, page }) => {
        test.slow(); // four full-page comparisons, each until two screenshots in a row agree
        await freezeClock(page);
        await page.setViewportSize(VIEWPORTS[0]);
        await dashboard.open();
        await waitForQuietDashboard(dashboard, role);
        const snapshot = new DashboardSnapshot(page);
        await snapshot.parkPointer();
        for (const viewport of VIEWPORTS) {
          await page.setViewportSize(viewport);
          for (const theme of ["dark", "light"] as const) {
            await showTheme(dashboard, theme);
            await expect(page).toHaveScreenshot(`${role}-${viewport.width}x${viewport.height}-${theme}.png`, {
              animations: "disabled",
              caret: "hide",
              mask: snapshot.masks(),
              stylePath: DashboardSnapshot.stylePath,
              maxDiffPixelRatio: 0.005,
              timeout: 10_000,
            });
          }
        }
      },
    );
  });
}
