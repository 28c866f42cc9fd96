import { test, expect } from "../../fixtures/index.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";
import { GATEWAY_ONLY, throughGateway } from "./gateway-only.ts";

test.skip(!throughGateway, GATEWAY_ONLY);

const DEFAULTS = ["PETR4:B", "VALE3:B", "ITUB4:B", "BBDC4:B", "ABEV3:B", "WEGE3:B", "WINZ26:F", "WDOZ26:F"];

test("a dropped socket comes back through the gateway by itself: the header says Reconnected and quotes flow, no reload", async ({
  dashboard,
}) => {
  await dashboard.open();
  await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
  const navigations: string[] = [];
  dashboard.page.on("framenavigated", (f) => {
    if (f === dashboard.page.mainFrame()) navigations.push(f.url());
  });

  await dashboard.dropSocket();
  await expect(dashboard.statusStrip.reconnected).toBeVisible({ timeout: 15_000 });
  await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
  await expectAnyStreaming(dashboard.watchlist, DEFAULTS);
  expect(navigations).toEqual([]);
});
