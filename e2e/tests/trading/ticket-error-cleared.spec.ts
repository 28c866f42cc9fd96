import { test, expect } from "../../fixtures/index.ts";
import { brPrice, lastPrice } from "../../flows/trading.ts";

test("a refusal for one asset is cleared when the trader switches to another", async ({ dashboard }) => {
  test.slow(); // an order round trip on a shared, loaded machine
  const { ticket } = dashboard;
  await dashboard.open();
  const last = await lastPrice(dashboard, "PETR4:B");
  await dashboard.watchlist.select("PETR4:B");

  // 100,001 lots = 10,000,100 shares: over PETR4's maximum order quantity (a fat finger).
  await ticket.fillLimit("PETR4:B", 100_001, brPrice(last));
  await ticket.sell.click();
  await ticket.confirmOrder.click(); // the ticket's own notional confirmation
  // The refusal is worded in the UI's numbers (pt-BR), from the error's code, field and details.
  await expect(ticket.alert).toHaveText(
    "Refused by risk: Quantity 10.000.100 is above the maximum of 10.000.000 per order",
    { timeout: 10_000 },
  );

  await dashboard.watchlist.select("VALE3:B");
  await expect(ticket.asset).toHaveValue("VALE3:B");
  await expect(ticket.alert).toHaveCount(0);
});
