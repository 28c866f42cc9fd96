import { test, expect } from "../../fixtures/index.ts";
import { expectStreaming } from "../../flows/streaming.ts";

test("a trader adds an asset by searching and removes another", async ({ dashboard }) => {
  await dashboard.open();
  const { watchlist } = dashboard;
  await expect(watchlist.row("PETR4:B")).toBeVisible();
  await expect(watchlist.row("BBAS3:B")).toHaveCount(0);

  await watchlist.add("BBAS", "BBAS3:B");
  await expect(watchlist.row("BBAS3:B")).toBeVisible();
  await expect(watchlist.lastPrice("BBAS3:B")).toHaveText(/\d/, { timeout: 15_000 });

  await watchlist.remove("PETR4:B");
  await expect(watchlist.row("PETR4:B")).toHaveCount(0);
  await expect(watchlist.row("BBAS3:B")).toBeVisible();
});

test("an added asset streams", async ({ dashboard, sim }) => {
  await sim.flood(2_000, 10_000);
  await dashboard.open();
  await dashboard.watchlist.add("MGLU", "MGLU3:B");
  await expectStreaming(dashboard.watchlist, "MGLU3:B");
});
