import { test, expect } from "../../fixtures/index.ts";

/** São Paulo wall-clock time (UTC−3 all year), as the tape's time column shows it. */
const saoPauloTime = (ms: number) => new Date(ms - 3 * 3_600_000).toISOString().slice(11, 19);

test("after a reload the tape shows trades at once, printed before the page loaded", async ({
  dashboard,
  sim,
}) => {
  const tape = dashboard.timeAndSales;
  await dashboard.open();
  await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
  await expect(tape.prints.first()).toBeVisible({ timeout: 15_000 });
  // One more print we know of, at the tape's own last price (tick-aligned), before the reload.
  await sim.tradeThrough(await tape.asset(), await tape.newestPrice());
  await expect.poll(async () => (await tape.printTimes()).length).toBeGreaterThan(1);

  const reloadedAt = Date.now();
  await dashboard.page.reload();
  // At once (page load included): the BFF's snapshot; the times below prove it is not trades printed since the reload.
  await expect(tape.prints.first()).toBeVisible({ timeout: 10_000 });
  await expect(tape.historyUnavailable).toHaveCount(0);
  const times = await tape.printTimes();
  expect(times.length).toBeGreaterThan(1);
  expect(
    times.at(-1)! < saoPauloTime(reloadedAt),
    `oldest print ${times.at(-1)} vs reload ${saoPauloTime(reloadedAt)}`,
  ).toBe(true);
  // Newest first across the snapshot/live seam.
  expect([...times].sort().reverse()).toEqual(times);
});

test(
  "when the feed cannot send earlier trades, the tape says so instead of looking empty and live",
  { tag: "@faults" },
  async ({ dashboard, sim }) => {
    // An asset no other spec opens the tape of: the BFF holds no buffer for it yet, so history must be asked for.
    const asset = "WEGE3:B";
    const tape = dashboard.timeAndSales;
    await dashboard.open();
    await expect(dashboard.watchlist.lastPrice(asset)).toHaveText(/\d/, { timeout: 15_000 });
    await sim.blackhole(true);
    await dashboard.watchlist.select(asset);
    await expect(tape.table).toHaveAccessibleName(`Time and sales ${asset}`);
    await expect(tape.historyUnavailable).toBeVisible({ timeout: 15_000 });
  },
);
