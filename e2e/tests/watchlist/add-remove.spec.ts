import { test, expect, users } from "../../fixtures/index.ts";
import { expectStreaming } from "../../flows/streaming.ts";
import { logIn } from "../../flows/login.ts";
import { savedWatchlist } from "../../flows/workspace.ts";
import { DashboardPage } from "../../pages/dashboard-page.ts";

test("a trader adds an asset by searching and removes another", async ({ dashboard }) => {
  await dashboard.open();
  const { watchlist } = dashboard;
  // A fresh context's first rows wait for login, the workspace and the docked panels' chunks (15 s, as elsewhere).
  await expect(watchlist.row("PETR4:B")).toBeVisible({ timeout: 15_000 });
  await expect(watchlist.row("BBAS3:B")).toHaveCount(0);

  await watchlist.add("BBAS", "BBAS3:B");
  await expect(watchlist.row("BBAS3:B")).toBeVisible();
  await expect(watchlist.lastPrice("BBAS3:B")).toHaveText(/\d/, { timeout: 15_000 });

  await watchlist.remove("PETR4:B");
  await expect(watchlist.row("PETR4:B")).toHaveCount(0);
  await expect(watchlist.row("BBAS3:B")).toBeVisible();
});

test("the list is saved on the server: another browser sees it, another user does not", async ({
  browser,
  dashboard,
  baseURL,
}) => {
  test.slow(); // three logins in three browser contexts
  await dashboard.open();
  await dashboard.watchlist.add("BBAS", "BBAS3:B");
  await dashboard.watchlist.remove("PETR4:B");
  await expect
    .poll(() => savedWatchlist(dashboard.page.request), { message: "the debounced save should land" })
    .toContain("BBAS3:B");

  for (const [who, sees] of [
    ["trader", true],
    ["viewer", false],
  ] as const) {
    const context = await browser.newContext({ baseURL });
    try {
      const page = await context.newPage();
      await logIn(page, users[who]);
      const { watchlist } = new DashboardPage(page);
      // A fresh browser: login, then the workspace, then the docked panels' chunks (5 s failed once on a busy CI).
      await expect(watchlist.row("VALE3:B")).toBeVisible({ timeout: 15_000 });
      await expect(watchlist.row("BBAS3:B")).toHaveCount(sees ? 1 : 0);
      await expect(watchlist.row("PETR4:B")).toHaveCount(sees ? 0 : 1);
    } finally {
      await context.close();
    }
  }
});

test("an added asset streams", async ({ dashboard, sim }) => {
  await sim.flood(2_000, 10_000);
  await dashboard.open();
  await dashboard.watchlist.add("MGLU", "MGLU3:B");
  await expectStreaming(dashboard.watchlist, "MGLU3:B");
});
