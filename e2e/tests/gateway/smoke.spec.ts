import { test, expect } from "../../fixtures/index.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";
import { lastPrice, placeLimit } from "../../flows/trading.ts";
import { GATEWAY_ONLY, throughGateway } from "./gateway-only.ts";

test.skip(!throughGateway, GATEWAY_ONLY);

const ASSET = "PETR4:B";
const DEFAULTS = ["PETR4:B", "VALE3:B", "ITUB4:B", "BBDC4:B", "ABEV3:B", "WEGE3:B", "WINZ26:F", "WDOZ26:F"];

test("through nginx + the CRS in blocking mode: log in, quotes stream, an order reaches the blotter, log out", async ({
  dashboard,
  loginPage,
}) => {
  test.slow(); // a full trading round trip on a shared, loaded machine
  await dashboard.open();
  expect(new URL(dashboard.page.url()).protocol).toBe("https:");
  await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
  await expectAnyStreaming(dashboard.watchlist, DEFAULTS);

  const price = Math.floor((await lastPrice(dashboard, ASSET)) * 0.98 * 100) / 100;
  const { orderId } = await placeLimit(dashboard, "BUY", ASSET, 1, price);
  await expect(dashboard.blotter.rowWithStatus(orderId, "SUBMITTED")).toBeVisible();

  await dashboard.logOut();
  await expect(loginPage.form).toBeVisible();
});
