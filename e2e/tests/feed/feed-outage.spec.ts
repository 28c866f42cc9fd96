import { test, expect } from "../../fixtures/index.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";
import { watchAppearance } from "../../components/appearance-clock.ts";

const ASSETS = ["PETR4:B", "VALE3:B", "ITUB4:B", "WINZ26:F"];

test(
  "a black-holed feed is reported within 2 s, quotes grey out, and it recovers without a reload",
  { tag: "@faults" },
  async ({ dashboard, sim }) => {
    await dashboard.open();
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
    await expect(dashboard.watchlist.lastPrice("PETR4:B")).toHaveText(/\d/);

    const staleShown = await watchAppearance(
      dashboard.page,
      '.feed-indicator[data-state="stale"], .feed-indicator[data-state="down"]',
    );
    // From before the call: the feed may go silent as soon as the sim reads the request.
    const silencedAt = Date.now();
    await sim.blackhole(true);
    // Timed on the page's clock (watchAppearance): the bound is what the trader sees, not how soon a busy runner looks.
    const tookMs = (await staleShown()) - silencedAt;
    expect(tookMs, "a live feed never shows stale before it goes silent").toBeGreaterThanOrEqual(0);
    expect(tookMs, "silence to Stale on screen, ms").toBeLessThan(2_000);
    await expect(dashboard.watchlist.row("PETR4:B")).toHaveAttribute("data-stale", "true");
    // The status strip's data age is the feed's, not the last socket message's (feed:status keeps arriving).
    await expect(dashboard.statusStrip.dataAge).toHaveText(/^[2-9]([.,]\d)? s$/, { timeout: 5_000 });
    // …and so is the "updated" beside Stale: never "<1 s ago" while the feed is silent.
    await expect(dashboard.feed.root).toContainText(/updated [2-9] s ago/);

    await sim.blackhole(false);
    await sim.drop(); // a real bridge that went silent is reconnected by the BFF; dropping speeds the test up
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 20_000 });
    await expect(dashboard.watchlist.row("PETR4:B")).toHaveAttribute("data-stale", "false", {
      timeout: 10_000,
    });
    await expectAnyStreaming(dashboard.watchlist, ASSETS);
  },
);

test(
  "a refused feed shows as down with the breaker, then recovers by itself",
  { tag: "@faults" },
  async ({ dashboard, sim }) => {
    await dashboard.open();
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });

    await sim.refuse(true);
    await sim.drop();
    await expect(dashboard.feed.root).toContainText(/down/i, { timeout: 2_000 });

    await sim.refuse(false);
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 20_000 });
    await expectAnyStreaming(dashboard.watchlist, ASSETS);
  },
);

test(
  "malformed frames for 3 s drop the feed link, and it comes back by itself once they stop",
  { tag: "@faults" },
  async ({ dashboard, sim }) => {
    await dashboard.open();
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });

    // A timed fault hits every connection the BFF opens in those 3 s, reconnects included, then disarms itself.
    const armed = await sim.malformed({ for: "3s" });
    expect(armed.faults.malformed).toMatchObject({ mode: "for" });
    await expect(dashboard.feed.root).toContainText(/down|stale|reconnecting/i, { timeout: 5_000 });
    await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 20_000 });
    await expectAnyStreaming(dashboard.watchlist, ASSETS);

    expect((await sim.state()).faults.malformed).toEqual({ mode: "off" });
    const counted = await sim.since();
    // The BFF's breaker opens on a burst of FEED_MALFORMED_BURST (5) and reconnects after its cool-down.
    expect(counted.malformedSent).toBeGreaterThanOrEqual(5);
    expect(counted.connectionsAccepted).toBeGreaterThanOrEqual(1);
  },
);
