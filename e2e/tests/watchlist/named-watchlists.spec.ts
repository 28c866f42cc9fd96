import { test, expect } from "../../fixtures/index.ts";
import { savedWorkspace } from "../../flows/seed-workspace.ts";

test("a new named list keeps its assets; switching lists and a reload keep the panel's choice", async ({
  dashboard,
  page,
}) => {
  const { watchlist } = dashboard;
  await dashboard.open();
  await expect(watchlist.list).toHaveValue("Main");
  await expect(watchlist.row("PETR4:B")).toBeVisible();

  await watchlist.createList("Futuros");
  await expect(watchlist.list).toHaveValue("Futuros");
  await expect(watchlist.rows()).toHaveCount(0);
  await watchlist.add("WINZ26", "WINZ26:F");
  await expect(watchlist.row("WINZ26:F")).toBeVisible();

  await watchlist.showList("Main");
  await expect(watchlist.row("PETR4:B")).toBeVisible();
  await watchlist.showList("Futuros");
  await expect(watchlist.row("PETR4:B")).toHaveCount(0);
  await expect(watchlist.rows()).toHaveCount(1);

  await expect
    .poll(async () => (await savedWorkspace(page.request)).watchlists, {
      message: "the debounced save should land",
    })
    .toContainEqual({ name: "Futuros", assets: ["WINZ26:F"] });
  // The list's assets and the panel's last switch back to it are two debounced saves: wait for the second as well.
  await expect
    .poll(async () => {
      const ws = await savedWorkspace(page.request);
      const layout = ws.layouts.find((l) => l.name === ws.activeLayout);
      return layout?.panels.find((p) => p.type === "watchlist")?.watchlist ?? ws.activeWatchlist;
    })
    .toBe("Futuros");
  await page.reload();
  await expect(watchlist.list).toHaveValue("Futuros", { timeout: 15_000 });
  await expect(watchlist.row("WINZ26:F")).toBeVisible();
  await expect(watchlist.rows()).toHaveCount(1);
});

test("list names are validated; rename and delete (asked first, never the last list)", async ({
  dashboard,
}) => {
  const { watchlist } = dashboard;
  await dashboard.open();
  await expect(watchlist.deleteList).toBeDisabled();

  await watchlist.newList.click();
  await watchlist.listName.press("Enter");
  await expect(watchlist.listNameError).toHaveText("Name the list");
  await watchlist.listName.fill("Main");
  await expect(watchlist.listNameError).toHaveText("A list named “Main” already exists");
  await watchlist.listName.fill("x".repeat(61));
  await expect(watchlist.listNameError).toHaveText("At most 60 characters");
  await watchlist.listName.fill("Bancos");
  await expect(watchlist.listNameError).toHaveCount(0);
  await watchlist.listName.press("Enter");
  await expect(watchlist.list).toHaveValue("Bancos");

  await watchlist.renameList.click();
  await expect(watchlist.listName).toHaveValue("Bancos");
  await watchlist.listName.fill("Bancos BR");
  await watchlist.listName.press("Enter");
  await expect(watchlist.list).toHaveValue("Bancos BR");

  await watchlist.deleteList.click();
  await expect(watchlist.deleteDialog).toBeVisible();
  await watchlist.deleteDialog.getByRole("button", { name: "Delete list" }).click();
  await expect(watchlist.list).toHaveValue("Main");
  await expect(watchlist.list.getByRole("option")).toHaveText(["Main"]);
  await expect(watchlist.deleteList).toBeDisabled();
});
