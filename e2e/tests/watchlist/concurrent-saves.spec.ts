import { test, expect } from "../../fixtures/index.ts";
import { savedWatchlist } from "../../flows/workspace.ts";
import { DashboardPage } from "../../pages/dashboard-page.ts";

/**
 * Two tabs of one user edit the same workspace. The second tab saves on top of a revision the first has already
 * replaced: the server answers 409 WORKSPACE_CONFLICT with its current workspace, the tab re-applies its own change on
 * top, and both changes are kept — neither tab's edit is lost, and neither is applied twice.
 */
test("two tabs add different assets: the later save gets 409, re-applies, and both assets are kept", async ({
  dashboard,
}) => {
  test.slow(); // two dashboards streaming in one worker
  await dashboard.open();
  const tabB = new DashboardPage(await dashboard.page.context().newPage());
  await tabB.page.goto("/");
  await expect(dashboard.watchlist.row("PETR4:B")).toBeVisible();
  await expect(tabB.watchlist.row("PETR4:B")).toBeVisible();

  const workspaceStatuses: number[] = [];
  tabB.page.on("response", (res) => {
    if (res.request().method() === "PUT" && res.url().endsWith("/api/v1/workspace"))
      workspaceStatuses.push(res.status());
  });

  await dashboard.watchlist.add("BBAS", "BBAS3:B");
  await expect
    .poll(() => savedWatchlist(dashboard.page.request), { message: "tab A's save should land" })
    .toContain("BBAS3:B");

  // Tab B still holds the revision it loaded.
  await tabB.watchlist.add("MGLU", "MGLU3:B");
  await expect
    .poll(() => savedWatchlist(dashboard.page.request), { message: "tab B's save should land on top of A's" })
    .toEqual(expect.arrayContaining(["BBAS3:B", "MGLU3:B"]));
  expect(workspaceStatuses).toEqual([409, 200]);
  const saved = await savedWatchlist(dashboard.page.request);
  expect(saved.filter((a) => a === "MGLU3:B")).toHaveLength(1);
  expect(saved.filter((a) => a === "BBAS3:B")).toHaveLength(1);

  // Tab B shows the merged list at once; tab A after a reload.
  await expect(tabB.watchlist.row("BBAS3:B")).toBeVisible();
  await dashboard.page.reload();
  await expect(dashboard.watchlist.row("MGLU3:B")).toBeVisible({ timeout: 15_000 });
  await expect(dashboard.watchlist.row("BBAS3:B")).toBeVisible();
});
