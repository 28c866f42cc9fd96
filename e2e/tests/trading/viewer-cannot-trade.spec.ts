import { randomUUID } from "node:crypto";
import { test, expect } from "../../fixtures/index.ts";

test.use({ user: "viewer" });

test("a viewer has no ticket and the BFF refuses a direct order", async ({ dashboard, page }) => {
  await dashboard.open();
  await expect(dashboard.watchlist.root).toBeVisible();
  await expect(dashboard.panel("Order book").root).toBeVisible();
  await expect(dashboard.ticket.root).toHaveCount(0);
  await expect(dashboard.blotter.root).toHaveCount(0);
  const res = await page.request.post("/api/v1/orders", {
    headers: { "x-pregao-csrf": "1" },
    data: {
      account: { brokerId: 308, accountId: "10001" },
      asset: "PETR4:B",
      side: "BUY",
      type: "LIMIT",
      quantity: 100,
      price: 10,
      timeInForce: "DAY",
      idempotencyKey: randomUUID(),
    },
  });
  expect(res.status()).toBe(403);
});
