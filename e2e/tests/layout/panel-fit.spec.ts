import { test, expect } from "../../fixtures/index.ts";
import { cutCells, overflowPx } from "../../components/table-fit.ts";

/**
 * The trader's default dock at a laptop's and a desktop's size: the market panels drop columns they have no room for
 * (their @container rules) instead of cutting every value to "3…". A header is never cut; a value only with its full
 * text in a tooltip; no table scrolls sideways.
 */
for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`watchlist, book and tape fit their docked panels at ${viewport.width}×${viewport.height}`, async ({
    dashboard,
    page,
  }) => {
    // Several layouts measured one after the other: more than the default 30 s on a loaded CI box.
    test.slow();
    await page.setViewportSize(viewport);
    await dashboard.open();
    const { watchlist, orderBook, timeAndSales } = dashboard;
    await expect(watchlist.row("PETR4:B")).toBeVisible({ timeout: 15_000 }); // a cold workspace store on a busy CI
    await expect(orderBook.bids.locator("tbody tr").first()).toBeVisible({ timeout: 15_000 });
    await expect(timeAndSales.prints.first()).toBeVisible({ timeout: 15_000 });
    for (const table of [watchlist.table, orderBook.bids, orderBook.asks, timeAndSales.table]) {
      expect(await cutCells(table)).toEqual([]);
      expect(await overflowPx(table)).toBe(0);
    }
  });
}
