import { test, expect } from "../../fixtures/index.ts";
import { attachScreenshot } from "../../components/screenshot.ts";

test.use({ viewport: { width: 1280, height: 720 } });

test(
  "during a feed blackhole the book and the tape grey out with their age, and a stale level asks before filling the ticket",
  { tag: "@faults" },
  async ({ dashboard, sim }) => {
    test.slow(); // a blackhole, then a reconnect, on a shared machine
    const { orderBook, timeAndSales, ticket } = dashboard;
    await dashboard.open();
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
    await expect(orderBook.bestBid()).toHaveText(/\d/, { timeout: 15_000 });
    await expect(timeAndSales.prints.first()).toBeVisible({ timeout: 15_000 });
    await expect(orderBook.content).toHaveAttribute("data-stale", "false");
    await expect(timeAndSales.content).toHaveAttribute("data-stale", "false");

    await sim.blackhole(true);
    await expect(orderBook.content).toHaveAttribute("data-stale", "true", { timeout: 5_000 });
    await expect(timeAndSales.content).toHaveAttribute("data-stale", "true");
    // The watchlist's wording: the age of the data on screen, ticking.
    await expect(orderBook.age).toHaveText(/^[1-9]\d* s ago$/, { timeout: 5_000 });
    await expect(timeAndSales.age).toHaveText(/^[1-9]\d* s ago$/);
    await attachScreenshot(dashboard.page, "stale-book-and-tape");

    const priceBefore = await ticket.price.inputValue();
    const level = orderBook.bestBid();
    // The ticket's price field takes the book's text without thousands separators (E2E runs in English).
    const levelPrice = ((await level.textContent()) ?? "").replace(/,/g, "");
    await level.click();
    await expect(orderBook.staleDialog).toBeVisible();
    await expect(orderBook.staleDialog).toContainText(/not live \(last update \d+ s ago\)/);
    await attachScreenshot(dashboard.page, "stale-price-dialog");
    await orderBook.cancelStalePrice.click();
    await expect(orderBook.staleDialog).toBeHidden();
    await expect(ticket.price).toHaveValue(priceBefore);

    await level.click();
    await orderBook.useStalePrice.click();
    await expect(orderBook.staleDialog).toBeHidden();
    await expect(ticket.price).toHaveValue(levelPrice);

    // Back to live: no longer greyed, and a click goes straight to the ticket again.
    await sim.blackhole(false);
    await sim.drop(); // a real bridge that went silent is reconnected by the BFF; dropping speeds the test up
    await expect(orderBook.content).toHaveAttribute("data-stale", "false", { timeout: 20_000 });
    await expect(timeAndSales.content).toHaveAttribute("data-stale", "false");
    await expect(orderBook.age).toHaveCount(0);
    await orderBook.bestBid().click();
    await expect(orderBook.staleDialog).toHaveCount(0);
    await expect(ticket.price).toHaveValue(/^\d+\.\d+$/);
  },
);
