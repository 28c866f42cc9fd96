import { test, expect } from "../../fixtures/index.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";

const ASSETS = ["PETR4:B", "VALE3:B", "ITUB4:B", "WINZ26:F"];

test(
  "a crashed panel shows its own fallback while the watchlist keeps streaming, and Reload restores it",
  { tag: "@faults" },
  async ({ dashboard }) => {
    await dashboard.open();
    const connection = dashboard.panel("Connection");
    await expect(connection.root).toBeVisible();
    await expect(dashboard.watchlist.lastPrice("PETR4:B")).toHaveText(/\d/, { timeout: 15_000 });

    await dashboard.crashPanel("connection");
    await expect(connection.root).toContainText(/Connection/);
    await expect(connection.reloadButton).toBeVisible();
    await expectAnyStreaming(dashboard.watchlist, ASSETS);

    await connection.reloadButton.click();
    await expect(connection.reloadButton).toHaveCount(0);
    await expect(connection.root).toContainText(/market data/i);
  },
);

test(
  "a crashed watchlist does not take the header feed status down",
  { tag: "@faults" },
  async ({ dashboard }) => {
    await dashboard.open();
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
    await dashboard.crashPanel("watchlist");
    const watchlist = dashboard.panel("Watchlist");
    await expect(watchlist.reloadButton).toBeVisible();
    await expect(dashboard.feed.root).toContainText(/live/i);
    await watchlist.reloadButton.click();
    await expect(dashboard.watchlist.lastPrice("PETR4:B")).toHaveText(/\d/, { timeout: 15_000 });
  },
);
