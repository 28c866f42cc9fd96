import { test, expect } from "../../fixtures/index.ts";
import { PhoneView } from "../../components/phone-view.ts";
import { ThemeSwitch } from "../../components/theme-switch.ts";
import { attachScreenshot } from "../../components/screenshot.ts";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

test("at 390 px: one read-only column of watchlist, quote and book; no sideways scroll; a row click moves quote and book", async ({
  dashboard,
  page,
}) => {
  const phone = new PhoneView(page);
  await dashboard.open();
  await expect(dashboard.watchlist.root).toBeVisible();
  await expect(phone.quote).toBeVisible();
  await expect(dashboard.orderBook.root).toBeVisible();
  await expect(phone.note).toBeVisible();
  await expect(phone.ticket).toHaveCount(0);
  await expect(dashboard.userMenu.logOutButton).toBeVisible();

  await dashboard.watchlist.select("PETR4:B");
  await expect(phone.quoteAsset).toHaveText("PETR4:B");
  await expect(dashboard.orderBook.bids).toHaveAccessibleName("Bids PETR4:B");
  await expect(phone.quoteLast).not.toHaveText("—");
  await expect(dashboard.orderBook.bestBid()).toBeVisible();
  expect(await phone.horizontalOverflow()).toBeLessThanOrEqual(0);

  // Read-only: a book level click fills no ticket and asks nothing.
  await dashboard.orderBook.bestBid().click();
  await expect(dashboard.orderBook.staleDialog).toHaveCount(0);
  await expect(phone.ticket).toHaveCount(0);

  await dashboard.watchlist.select("VALE3:B");
  await expect(phone.quoteAsset).toHaveText("VALE3:B");
  await expect(dashboard.orderBook.bids).toHaveAccessibleName("Bids VALE3:B");
  await expect(phone.quoteLast).not.toHaveText("—");
  expect(await phone.horizontalOverflow()).toBeLessThanOrEqual(0);

  const theme = new ThemeSwitch(page);
  for (const [label, name] of [
    ["Light", "light"],
    ["Dark", "dark"],
  ] as const) {
    await theme.choose(label);
    await expect.poll(() => theme.applied()).toBe(name);
    expect(await phone.horizontalOverflow()).toBeLessThanOrEqual(0);
    await attachScreenshot(page, `phone-${name}-390x844`);
  }
});
