import { test, expect } from "../../fixtures/index.ts";
import { attachScreenshot } from "../../components/screenshot.ts";
import { countRequests } from "../../components/request-counter.ts";
import { uiPrice, lastPrice } from "../../flows/trading.ts";
import { expectSettled } from "../../flows/settle.ts";

const ASSET = "PETR4:B";

test.use({ viewport: { width: 1280, height: 720 } });

test("an order far from the last trade asks a second time: cancel sends nothing, confirm sends exactly one", async ({
  dashboard,
}) => {
  test.slow(); // order round trips on a shared, loaded machine
  const { ticket, blotter } = dashboard;
  const submits = countRequests(dashboard.page, "POST", "/api/v1/orders");
  await dashboard.open();
  const last = await lastPrice(dashboard, ASSET);
  // A sell 5 % above the last trade: past the 3 % collar, inside the 8 % hard limit, and it rests (no fill).
  const far = Math.round(last * 1.05 * 100) / 100;
  await ticket.fillLimit(ASSET, 1, uiPrice(far));

  await ticket.sell.click();
  await expect(ticket.collarDialog).toBeVisible({ timeout: 10_000 });
  await expect(ticket.collarDialog).toContainText(/Price [\d,]+\.\d{2} is \d+(\.\d+)?% above the last trade/);
  await attachScreenshot(dashboard.page, "price-collar-dialog");
  await ticket.collarCancel.click();
  await expect(ticket.collarDialog).toBeHidden();
  await expectSettled(() => submits.count(), 1, {
    message: "only the refused first submit, nothing on cancel",
  });
  // Earlier specs of this worker may have left orders: count the ones at this spec's own price.
  await blotter.tab("All").click();
  await expect(blotter.rowsAtPrice(uiPrice(far))).toHaveCount(0);

  await ticket.sell.click();
  await ticket.collarConfirm.click();
  await expect(ticket.ack).toBeVisible({ timeout: 10_000 });
  const orderId = await ticket.ackedOrderId();
  await expect(blotter.row(orderId)).toBeVisible();
  await expectSettled(() => submits.count(), 3, { message: "the second submit and its confirmed resend" });
  await expect(blotter.rowsAtPrice(uiPrice(far))).toHaveCount(1);
});
