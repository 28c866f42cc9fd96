import { test, expect } from "../../fixtures/index.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";

const DEFAULTS = ["PETR4:B", "VALE3:B", "ITUB4:B", "BBDC4:B", "ABEV3:B", "WEGE3:B", "WINZ26:F", "WDOZ26:F"];

test(
  "live quotes appear in the default watchlist and keep changing",
  { tag: "@smoke" },
  async ({ dashboard }) => {
    await dashboard.open();
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
    for (const asset of DEFAULTS) await expect(dashboard.watchlist.row(asset)).toBeVisible();
    await expectAnyStreaming(dashboard.watchlist, DEFAULTS);
  },
);

test("prices are formatted for BRL and each instrument's tick size", async ({ dashboard }) => {
  await dashboard.open();
  // Stocks tick at R$0.01 (two decimals; English separators, as E2E runs); WIN ticks at 5 points (no decimals).
  await expect(dashboard.watchlist.lastPrice("PETR4:B")).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/, {
    timeout: 15_000,
  });
  await expect(dashboard.watchlist.lastPrice("WINZ26:F")).toHaveText(/^\d{1,3}(,\d{3})+$/, {
    timeout: 15_000,
  });
});
