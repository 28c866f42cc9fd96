import { test, expect, users } from "../../fixtures/index.ts";
import { logIn } from "../../flows/login.ts";

test.describe("login → dashboard per role", () => {
  test("a viewer sees market panels only (no ticket, blotter or accounts)", async ({ page, dashboard }) => {
    await logIn(page, users.viewer);
    await expect(dashboard.userMenu.root).toContainText("Demo Viewer · viewer");
    await expect(dashboard.watchlist.root).toBeVisible();
    await expect(dashboard.watchlist.lastPrice("PETR4:B")).toHaveText(/\d/, { timeout: 15_000 });
    await expect(dashboard.panel("Connection").root).toHaveCount(0);
    await expect(dashboard.accounts.root).toHaveCount(0);
    await expect(dashboard.ticket.root).toHaveCount(0);
    await expect(dashboard.blotter.root).toHaveCount(0);
  });

  test(
    "a trader sees watchlist, connection and their own accounts",
    { tag: "@smoke" },
    async ({ page, dashboard }) => {
      await logIn(page, users.trader);
      await expect(page).toHaveURL(/\/$/);
      await expect(dashboard.watchlist.root).toBeVisible();
      await expect(dashboard.panel("Connection").root).toBeVisible();
      const { accounts } = dashboard;
      await dashboard.dock.show("Accounts"); // a tab beside Connection in the default arrangement
      await expect(accounts.own).toBeVisible();
      await expect(accounts.rows(accounts.own)).toHaveCount(users.trader.accounts.length);
      for (const ref of users.trader.accounts) await expect(accounts.row(accounts.own, ref)).toBeVisible();
      await expect(accounts.all).toHaveCount(0);
    },
  );

  test("risk sees every account read-only, with owners", async ({ page, dashboard }) => {
    await logIn(page, users.risk);
    await expect(dashboard.watchlist.root).toBeVisible();
    await expect(dashboard.panel("Connection").root).toBeVisible();
    const { accounts } = dashboard;
    await dashboard.dock.show("Accounts");
    await expect(accounts.all).toBeVisible();
    for (const ref of users.trader.accounts) {
      await expect(accounts.row(accounts.all, ref)).toContainText(users.trader.username);
    }
    await expect(accounts.own).toHaveCount(0);
  });

  test(
    "a wrong password is refused with an error and no dashboard",
    { tag: "@security" },
    async ({ loginPage, dashboard }) => {
      await loginPage.goto();
      await loginPage.logIn(users.trader.username, "not-the-password");
      await expect(loginPage.error).toHaveText("Invalid username or password");
      await expect(loginPage.page).toHaveURL(/\/login/);
      await expect(dashboard.userMenu.root).toHaveCount(0);
      await expect(dashboard.watchlist.root).toHaveCount(0);
    },
  );
});
