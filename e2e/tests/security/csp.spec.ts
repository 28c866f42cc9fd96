import { test, expect, users } from "../../fixtures/index.ts";
import { logIn } from "../../flows/login.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";

const ASSETS = ["PETR4:B", "VALE3:B", "ITUB4:B", "WINZ26:F"];

test(
  "the login page is served with a strict CSP and violates none of it",
  { tag: "@security" },
  async ({ loginPage, csp }) => {
    const res = await loginPage.goto();
    const policy = res?.headers()["content-security-policy"] ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
    await expect(loginPage.form).toBeVisible();
    await expect(loginPage.submit).toBeVisible();
    expect(await csp.violations()).toEqual([]);
  },
);

for (const name of ["viewer", "trader", "risk"] as const) {
  test(
    `the ${name} dashboard streams with zero CSP violations`,
    { tag: "@security" },
    async ({ page, dashboard, csp }) => {
      await logIn(page, users[name]);
      await expect(dashboard.feed.root).toContainText(/live/i, { timeout: 15_000 });
      await expectAnyStreaming(dashboard.watchlist, ASSETS);
      if (name !== "viewer") {
        await dashboard.dock.show("Accounts"); // a tab beside Connection in the default arrangement
        await expect(dashboard.accounts.table).toBeVisible();
      }
      expect(await csp.violations()).toEqual([]);
    },
  );
}
