import { test, expect } from "../../fixtures/index.ts";
import { uiPrice, lastPrice } from "../../flows/trading.ts";

test("a refusal for one asset is cleared when the trader switches to another", async ({ dashboard }) => {
  test.slow(); // an order round trip on a shared, loaded machine
  const { ticket } = dashboard;
  await dashboard.open();
  const last = await lastPrice(dashboard, "PETR4:B");
  await dashboard.watchlist.select("PETR4:B");

  // 3,000 lots = 300,000 shares ≈ R$ 11 million: over the default maximum order value of R$ 10 million (a fat finger).
  await ticket.fillLimit("PETR4:B", 3_000, uiPrice(last));
  await ticket.sell.click();
  await ticket.confirmOrder.click(); // the ticket's own notional confirmation
  // The refusal is worded in the UI's language and numbers (English here), from the error's code, field and details.
  await expect(ticket.alert).toHaveText(
    /^Refused by risk: Notional R\$\s?\d{2},\d{3},\d{3}\.\d{2} is above the maximum of R\$\s?10,000,000\.00 per order$/,
    { timeout: 10_000 },
  );

  await dashboard.watchlist.select("VALE3:B");
  await expect(ticket.asset).toHaveValue("VALE3:B");
  await expect(ticket.alert).toHaveCount(0);
});
