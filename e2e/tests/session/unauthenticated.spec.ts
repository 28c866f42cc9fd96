import { test, expect } from "../../fixtures/index.ts";
import { SocketProbe } from "../../components/socket-probe.ts";

test(
  "visiting the dashboard without a session lands on the login page with no quote data",
  { tag: "@security" },
  async ({ page, dashboard, loginPage }) => {
    const sockets = new SocketProbe(page);
    await dashboard.goto();
    await expect(loginPage.form).toBeVisible();
    await expect(page).toHaveURL(/\/login$/);
    await expect(loginPage.sessionNotice).toHaveCount(0);
    await expect(dashboard.watchlist.root).toHaveCount(0);
    await expect(dashboard.feed.root).toHaveCount(0);
    expect(sockets.opened()).toBe(0);
  },
);

test("the API answers 401 without a session", { tag: "@security" }, async ({ request }) => {
  for (const path of ["/api/v1/session", "/api/v1/instruments", "/api/v1/accounts"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect((await res.json()) as unknown, path).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  }
});
