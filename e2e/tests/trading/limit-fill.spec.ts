import { test, expect } from "../../fixtures/index.ts";
import { watchAppearance } from "../../components/appearance-clock.ts";
import { lastPrice, placeLimit, reportLatency } from "../../flows/trading.ts";

const ASSET = "PETR4:B";

test("a limit buy rests below the market, fills when the market trades through, and moves positions and P&L", async ({
  dashboard,
  sim,
}) => {
  test.slow(); // a full trading round trip on a shared, loaded machine
  await dashboard.open();
  const last = await lastPrice(dashboard, ASSET);
  const price = Math.floor(last * 0.98 * 100) / 100;
  const { orderId, ackMs } = await placeLimit(dashboard, "BUY", ASSET, 1, price);
  reportLatency("click → acknowledgement", ackMs);
  await expect(dashboard.blotter.rowWithStatus(orderId, "SUBMITTED")).toBeVisible();

  await dashboard.blotter.tab("All").click();
  const filledAt = await watchAppearance(
    dashboard.page,
    `[data-testid="order-${orderId}"][data-status="FILLED"]`,
  );
  const sent = Date.now();
  await sim.tradeThrough(ASSET, price);
  const returned = Date.now();
  await expect(dashboard.blotter.rowWithStatus(orderId, "FILLED")).toBeVisible();
  // The push can beat the control call's own HTTP answer, so both ends of that call are reported.
  reportLatency("fill → screen (from tradeThrough sent)", (await filledAt()) - sent);
  reportLatency("fill → screen (from tradeThrough returned)", (await filledAt()) - returned);

  const row = dashboard.positions.row(ASSET);
  await expect(row).toContainText("100");
  const unrealized = dashboard.positions.unrealized(ASSET);
  await expect(unrealized).toHaveText(/\d/);
  const atFill = await unrealized.textContent();
  // A print a few ticks away moves the last price, so the marked P&L must move with it.
  await sim.tradeThrough(ASSET, Math.round((price + 0.1) * 100) / 100);
  await expect(unrealized).not.toHaveText(atFill ?? "", { timeout: 10_000 });
});
