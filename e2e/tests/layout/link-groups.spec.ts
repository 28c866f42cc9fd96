import { test, expect } from "../../fixtures/index.ts";
import { Dock } from "../../components/dock.ts";
import { LinkGroupPicker } from "../../components/link-group-picker.ts";
import { OrderBook } from "../../components/order-book.ts";
import { savedPanel, seedLayout } from "../../flows/seed-workspace.ts";

// A watchlist and a book in the blue group, a second book unlinked on VALE3:B.
const PANELS = [
  { id: "watchlist", type: "watchlist", linkGroup: "blue" as const, asset: "PETR4:B" },
  { id: "order-book", type: "order-book", linkGroup: "blue" as const, asset: "PETR4:B" },
  { id: "order-book-2", type: "order-book", asset: "VALE3:B" },
];

test("panels follow the asset selected in their link group; an unlinked one keeps its own", async ({
  dashboard,
  page,
  baseURL,
}) => {
  const dock = new Dock(page);
  const book = new OrderBook(page, "Order book");
  const book2 = new OrderBook(page, "Order book 2");
  const picker = new LinkGroupPicker(page, dock.tab("Order book 2"));
  const bookPicker = new LinkGroupPicker(page, dock.tab("Order book"));

  await dashboard.open();
  await seedLayout(page.request, baseURL!, PANELS, ["PETR4:B", "VALE3:B", "ITUB4:B"]);
  await page.reload();
  await expect(book.bidsOf("PETR4:B")).toBeVisible({ timeout: 15_000 });
  await expect(book2.bidsOf("VALE3:B")).toBeVisible();
  await expect(picker.button).toHaveAccessibleName("Link group: none");
  await expect(bookPicker.button).toHaveAccessibleName("Link group: blue");

  // A watchlist click moves its group (the blue book), not the unlinked book.
  await dashboard.watchlist.select("ITUB4:B");
  await expect(book.bidsOf("ITUB4:B")).toBeVisible();
  await expect(book2.bidsOf("VALE3:B")).toBeVisible();

  // Joining blue takes the group's asset.
  await picker.choose("blue");
  await expect(picker.button).toHaveAccessibleName("Link group: blue");
  await expect(book2.bidsOf("ITUB4:B")).toBeVisible();

  // The first book leaves for red, keeping its asset; blue moves on without it.
  await bookPicker.choose("red");
  await expect(bookPicker.button).toHaveAccessibleName("Link group: red");
  await dashboard.watchlist.select("PETR4:B");
  await expect(book2.bidsOf("PETR4:B")).toBeVisible();
  await expect(book.bidsOf("ITUB4:B")).toBeVisible();

  // Groups and assets are part of the saved workspace.
  await expect
    .poll(() => savedPanel(page.request, "order-book-2"), { message: "the debounced save should land" })
    .toEqual({ linkGroup: "blue", asset: "PETR4:B" });
  await page.reload();
  await expect(book.bidsOf("ITUB4:B")).toBeVisible({ timeout: 15_000 });
  await expect(book2.bidsOf("PETR4:B")).toBeVisible();
  await expect(bookPicker.button).toHaveAccessibleName("Link group: red");
});

test("the link-group menu works from the keyboard and names every group", async ({ dashboard, page }) => {
  const dock = new Dock(page);
  const picker = new LinkGroupPicker(page, dock.tab("Order book"));
  await dashboard.open();
  await expect(picker.button).toHaveAccessibleName("Link group: blue");
  await picker.button.focus();
  await page.keyboard.press("Enter");
  await expect(picker.item("blue")).toBeFocused();
  await expect(picker.item("blue")).toHaveAttribute("aria-checked", "true");
  for (const group of ["none", "red", "green", "yellow"] as const)
    await expect(picker.item(group)).toBeVisible();
  await page.keyboard.press("ArrowDown");
  await expect(picker.item("yellow")).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(picker.menu).toHaveCount(0);
  await expect(picker.button).toBeFocused();
  await expect(picker.button).toHaveAccessibleName("Link group: blue");
});
