import { test, expect } from "../../fixtures/index.ts";

test("a trader sees the feed live, the data age and the socket's own round trip in ms", async ({
  dashboard,
}) => {
  await dashboard.open();
  const strip = dashboard.statusStrip;
  await expect(strip.feed).toContainText("Live", { timeout: 15_000 });
  await expect(strip.dataAge).toHaveText(/^\d+(,\d)? (ms|s)$/);
  // One connection:ping on connect, then every 5 s.
  await expect(strip.latency).toHaveText(/^\d+ ms$/, { timeout: 10_000 });
  await expect(strip.latencyMedian).toHaveText(/^median \d+(\.\d)? ms$/);
});
