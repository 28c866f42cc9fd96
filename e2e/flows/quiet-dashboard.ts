import { expect, type Page } from "@playwright/test";
import type { UserName } from "../fixtures/users.ts";
import type { DashboardPage } from "../pages/dashboard-page.ts";
import { ThemeSwitch, type ThemeName } from "../components/theme-switch.ts";

/**
 * Fixes the browser's clock at the present (Date.now() stops; timers keep running): what the page derives from its own
 * clock alone ("updated <1 s ago", query staleness) reads the same every run. Not a date of our choosing: the page
 * converts the server's timestamps with the measured skew, and a quote that arrived before the first measurement was
 * judged against a clock hours away from the server's (the whole tape greyed as stale). Times the server stamps still
 * move; DashboardSnapshot hides them.
 */
export async function freezeClock(page: Page): Promise<void> {
  await page.clock.setFixedTime(Date.now());
}

/** What the seeded quiet market shows once every default panel of `role` has its data (fixtures/quiet-market.ts). */
export async function waitForQuietDashboard(dashboard: DashboardPage, role: UserName): Promise<void> {
  await expect(dashboard.watchlist.lastPrice("PETR4:B")).toHaveText("36.98", { timeout: 15_000 });
  await expect(dashboard.orderBook.bids.getByRole("row")).not.toHaveCount(0);
  if (role !== "risk") {
    await expect(dashboard.timeAndSales.prints).toHaveCount(7);
    await expect(dashboard.chart.plot).not.toHaveAttribute("data-bars", "0");
  }
  if (role === "trader") await expect(dashboard.positions.table).toBeVisible();
  if (role === "risk") {
    await expect(dashboard.health.readiness).toContainText(/pass/i);
    await expect(dashboard.health.root.getByRole("region", { name: "Last 15 minutes" })).toBeVisible();
  }
  // The median appears with the first ping answer; it widens the header, so wait for it.
  await expect(dashboard.statusStrip.latencyMedian).toBeVisible();
}

/** Switches the OS colour scheme the page sees (the workspace theme is "System" by default) and waits for it. */
export async function showTheme(dashboard: DashboardPage, theme: ThemeName): Promise<void> {
  await dashboard.page.emulateMedia({ colorScheme: theme });
  await expect.poll(() => new ThemeSwitch(dashboard.page).applied()).toBe(theme);
}
