import { test, expect } from "../../fixtures/index.ts";
import { lastPrice, placeLimit } from "../../flows/trading.ts";

const ASSET = "PETR4:B";

test("a working order is cancelled from the blotter", { tag: "@smoke" }, async ({ dashboard }) => {
  test.slow(); // an order round trip on a shared, loaded machine
  await dashboard.open();
  const last = await lastPrice(dashboard, ASSET);
  const { orderId } = await placeLimit(dashboard, "BUY", ASSET, 1, Math.floor(last * 0.98 * 100) / 100);
  const { blotter } = dashboard;
  await expect(blotter.row(orderId)).toBeVisible();
  await blotter.cancel(orderId).click();
  await expect(blotter.row(orderId)).toHaveCount(0);
  await blotter.tab("Cancelled").click();
  await expect(blotter.rowWithStatus(orderId, "CANCELED")).toBeVisible();
  await expect(blotter.cancel(orderId)).toHaveCount(0);
});
