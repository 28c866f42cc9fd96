import { test, expect } from "../../fixtures/index.ts";
import { uiPrice, lastPrice } from "../../flows/trading.ts";

const ASSET = "PETR4:B";

test(
  "the ticket says the order manager is down, and the same order goes through once it is back",
  { tag: "@faults" },
  async ({ dashboard, sim }) => {
    test.slow(); // an order round trip on a shared, loaded machine
    await dashboard.open();
    const last = await lastPrice(dashboard, ASSET);
    const { ticket } = dashboard;
    // 2 % below the last trade: it rests, and stays inside the 3 % price collar (no second confirmation).
    await ticket.fillLimit(ASSET, 1, uiPrice(Math.floor(last * 0.98 * 100) / 100));
    await sim.services(false);
    await ticket.buy.click();
    await expect(ticket.alert).toContainText("Order manager unavailable");
    await sim.services(true);
    // Retry resends with the same idempotency key; the BFF's breaker may need its cool-down first.
    await expect(async () => {
      if (await ticket.retry.isVisible()) await ticket.retry.click();
      await expect(ticket.ack).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(ticket.alert).toHaveCount(0);
  },
);
