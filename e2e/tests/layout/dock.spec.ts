import { test, expect } from "../../fixtures/index.ts";
import { ThemeSwitch } from "../../components/theme-switch.ts";
import { attachScreenshot } from "../../components/screenshot.ts";
import { savedGroups } from "../../flows/dock-layout.ts";

const TRADER_GROUPS = [
  ["Watchlist"],
  ["Chart"],
  ["Order book"],
  ["Time and sales"],
  ["Order ticket"],
  ["Blotter"],
  ["Positions"],
  ["Connection", "Accounts"],
];

test("a tab dragged into another group stays there after a reload", async ({ dashboard, page }) => {
  test.slow(); // a debounced save and a full reload with every panel streaming
  const { dock } = dashboard;
  await dashboard.open();
  await expect.poll(() => dock.groups()).toEqual(TRADER_GROUPS);

  await dock.dragTabOnto("Positions", "Blotter");
  await expect.poll(() => dock.groups()).toContainEqual(["Blotter", "Positions"]);
  await expect
    .poll(() => savedGroups(page.request), { message: "the debounced save should land" })
    .toContainEqual(["blotter", "positions"]);

  await page.reload();
  await expect.poll(() => dock.groups()).toContainEqual(["Blotter", "Positions"]);
  await expect(dashboard.positions.root).toBeVisible();
  await dock.show("Blotter");
  await expect(dashboard.blotter.root).toBeVisible();
});

test("a closed panel comes back from Add panel; a second chart is its own instance", async ({
  dashboard,
}) => {
  const { dock } = dashboard;
  await dashboard.open();
  await expect(dashboard.positions.root).toBeVisible();
  await dock.close("Positions").click();
  await expect(dashboard.positions.root).toHaveCount(0);
  await expect(dock.tab("Positions")).toHaveCount(0);

  await dock.addPanel.click();
  await dock.menuItem("Positions").click();
  await expect(dashboard.positions.root).toBeVisible();

  await dock.addPanel.click();
  await dock.menuItem("Chart").click();
  await expect(dock.tab("Chart 2")).toBeVisible();
  await expect(dashboard.panel("Chart 2").root).toBeVisible();
  await expect.poll(() => dock.groups()).toContainEqual(["Chart", "Chart 2"]);
});

test("maximise fills the dock with one group and restore brings the others back", async ({ dashboard }) => {
  const { dock } = dashboard;
  await dashboard.open();
  await dock.maximise("Chart").click();
  await expect(dock.restore("Chart")).toBeVisible();
  await expect(dashboard.watchlist.root).toBeHidden();
  await dock.restore("Chart").click();
  await expect(dashboard.watchlist.root).toBeVisible();
  await expect(dock.maximise("Chart")).toBeVisible();
});

test("Reset layout returns the role's default arrangement", async ({ dashboard }) => {
  test.slow(); // two rearrangements, each waited for, then the reset
  const { dock } = dashboard;
  await dashboard.open();
  await expect.poll(() => dock.groups()).toEqual(TRADER_GROUPS);
  await dock.close("Order ticket").click();
  await dock.dragTabOnto("Time and sales", "Order book");
  await expect.poll(() => dock.groups()).toContainEqual(["Order book", "Time and sales"]);

  await dock.resetLayout.click();
  await expect(dock.resetDialog).toBeVisible();
  await dock.confirmReset.click();
  await expect.poll(() => dock.groups()).toEqual(TRADER_GROUPS);
  await expect(dashboard.ticket.root).toBeVisible();
});

test("pop out opens the panel in a second window, still streaming, in the page's theme", async ({
  dashboard,
  context,
  csp,
  page,
}) => {
  const { dock } = dashboard;
  await dashboard.open();
  await expect(dashboard.orderBook.bids).toBeVisible({ timeout: 15_000 });
  const opened = context.waitForEvent("page");
  await dock.popOut("Order book").click();
  const popup = await opened;
  const book = popup.getByRole("region", { name: "Order book" });
  await expect(book).toBeVisible({ timeout: 10_000 });
  await expect(
    book
      .getByRole("table", { name: /^Bids / })
      .getByRole("button")
      .first(),
  ).toHaveText(/\d/, {
    timeout: 15_000,
  });
  await expect(dashboard.orderBook.root).toHaveCount(0);
  // The pop-out's <html> follows the page's theme, and a switch in the main window reaches it.
  const mainTheme = new ThemeSwitch(page);
  const popupTheme = new ThemeSwitch(popup);
  await expect.poll(() => popupTheme.applied()).toBe(await mainTheme.applied());
  const other = (await mainTheme.applied()) === "light" ? "Dark" : "Light";
  await mainTheme.choose(other);
  await expect.poll(() => popupTheme.applied()).toBe(other.toLowerCase());
  expect(await csp.violations()).toEqual([]);
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`the trader's default arrangement at ${viewport.width}×${viewport.height}`, async ({
    dashboard,
    page,
  }) => {
    await page.setViewportSize(viewport);
    await dashboard.open();
    await expect(dashboard.watchlist.lastPrice("PETR4:B")).toHaveText(/\d/, { timeout: 15_000 });
    await expect(dashboard.chart.root).toBeVisible();
    await attachScreenshot(page, `dock-trader-${viewport.width}`);
  });
}
