import { test, expect } from "../../fixtures/index.ts";
import { attachScreenshot } from "../../components/screenshot.ts";

const ASSET = "PETR4:B";
const someBars = /^[1-9]\d*$/;

test("the chart shows bars, its forming bar moves when a trade prints, and a click puts a price in the ticket", async ({
  dashboard,
  sim,
}) => {
  const { chart, ticket } = dashboard;
  await dashboard.open();
  await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
  await expect(chart.plot).toHaveAttribute("data-bars", someBars, { timeout: 15_000 });
  await expect(chart.legendValue("C")).toHaveText(/\d/);

  // The daily bar: its high only grows within the session, so a print above it must show as the new high.
  await chart.interval("1D").click();
  await expect(chart.interval("1D")).toHaveAttribute("aria-pressed", "true");
  await expect(chart.plot).toHaveAttribute("data-bars", someBars, { timeout: 15_000 });
  await expect(chart.legendValue("H")).toHaveText(/\d/);
  const high = await chart.legendNumber("H");
  const price = Math.round((high + 0.05) * 100) / 100;
  await sim.tradeThrough(ASSET, price);
  await expect.poll(() => chart.legendNumber("H"), { timeout: 10_000 }).toBeGreaterThanOrEqual(price);
  await expect(chart.plot).not.toHaveAttribute("data-forming-close", "");
  await attachScreenshot(dashboard.page, "chart-daily");

  await expect(chart.content).toHaveAttribute("data-stale", "false");
  await chart.clickPlot(0.3);
  await expect(chart.staleDialog).toHaveCount(0);
  await expect(ticket.price).toHaveValue(/^\d+\.\d+$/); // the English ticket writes a decimal point
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });
    test(
      "the trader's dashboard shows the chart beside the book and the tape",
      // One size is enough to prove the panels render in the smoke set (under 2 min).
      { tag: viewport.width === 1280 ? ["@smoke"] : [] },
      async ({ dashboard }) => {
        await dashboard.open();
        await expect(dashboard.orderBook.bestBid()).toHaveText(/\d/, { timeout: 15_000 });
        await expect(dashboard.chart.plot).toHaveAttribute("data-bars", someBars, { timeout: 15_000 });
        await expect(dashboard.timeAndSales.prints.first()).toBeVisible({ timeout: 15_000 });
        await expect(dashboard.chart.plot).toBeInViewport();
        await attachScreenshot(dashboard.page, `chart-${viewport.width}x${viewport.height}`);
      },
    );
  });
}
