import { test, expect } from "../../fixtures/index.ts";
import { emitWithAck } from "../../components/raw-socket.ts";

test.describe("risk officer", () => {
  test.use({ user: "risk" });

  test(
    "the Health panel follows a feed outage (link down, breaker open, runbook) and its recovery",
    { tag: "@faults" },
    async ({ dashboard, sim, context }) => {
      test.slow(); // the breaker needs FEED_BREAKER_THRESHOLD failed connects, readiness 10 s of silence
      await dashboard.open();
      const health = dashboard.health;
      const feed = health.dependency("feed");
      await expect(feed.status).toHaveText("pass", { timeout: 15_000 });
      await expect(health.fact("Link")).toContainText("Live");
      await expect(health.readiness).toContainText("pass");
      await expect(health.guide).toHaveAttribute("href", /^\/runbooks\/health-panel/);
      await expect(health.trends).toHaveCount(5);

      await sim.refuse(true);
      await sim.drop();
      await expect(feed.status).toHaveText(/warn|fail/, { timeout: 10_000 });
      await expect(feed.output).toContainText(/link down|no feed message/);
      await expect(health.fact("Link")).toContainText("Down");
      await expect(feed.breaker).toContainText("Open", { timeout: 20_000 });
      await expect(feed.breaker).toContainText("Last error:");
      // Beyond READY_MAX_FEED_AGE_MS of silence the feed fails readiness and points at its runbook.
      await expect(feed.status).toHaveText("fail", { timeout: 20_000 });
      await expect(feed.runbook).toHaveAttribute("href", /^\/runbooks\/feed-down-or-stale/);
      await expect(feed.runbook).toHaveAttribute("target", "_blank");
      await expect(feed.runbook).toHaveAttribute("rel", "noopener");
      await expect(health.readiness).toContainText("fail");

      const [runbook] = await Promise.all([context.waitForEvent("page"), feed.runbook.click()]);
      await expect(runbook.getByRole("heading", { level: 1 })).toBeVisible();
      await runbook.close();

      await sim.refuse(false);
      await expect(feed.status).toHaveText("pass", { timeout: 30_000 });
      await expect(health.fact("Link")).toContainText("Live");
      await expect(feed.runbook).toHaveCount(0);
    },
  );
});

test(
  "a trader has no Health panel, and the server refuses the trader's ops:subscribe",
  { tag: "@security" },
  async ({ dashboard }) => {
    await dashboard.open();
    await expect(dashboard.watchlist.root).toBeVisible();
    await expect(dashboard.health.root).toHaveCount(0);
    const ack = await emitWithAck(dashboard.page, "ops:subscribe", {});
    expect(ack).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
  },
);
