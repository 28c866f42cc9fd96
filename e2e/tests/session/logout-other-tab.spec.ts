import { test, expect, users } from "../../fixtures/index.ts";
import { SocketProbe } from "../../components/socket-probe.ts";
import { logIn } from "../../flows/login.ts";
import { expectAnyStreaming } from "../../flows/streaming.ts";
import { DashboardPage } from "../../pages/dashboard-page.ts";
import { LoginPage } from "../../pages/login-page.ts";

const ASSETS = ["PETR4:B", "VALE3:B", "ITUB4:B", "WINZ26:F"];

test(
  "logging out in one tab ends the stream in another tab of the same browser",
  { tag: ["@smoke", "@security"] },
  async ({ context, dashboard }) => {
    test.slow(); // two tabs, two logins and three streaming checks
    await dashboard.open();
    await dashboard.watchlist.add("BBAS", "BBAS3:B");
    await expect(dashboard.watchlist.row("BBAS3:B")).toBeVisible();

    // Same context = same cookie jar: the second tab is logged in by the first one's cookie.
    const other = await context.newPage();
    const otherSockets = new SocketProbe(other);
    const otherDashboard = new DashboardPage(other);
    await otherDashboard.goto();
    await expect(otherDashboard.userMenu.root).toContainText(users.trader.displayName);
    await expectAnyStreaming(otherDashboard.watchlist, ASSETS);
    expect(otherSockets.open()).toBe(1);

    await dashboard.logOut();
    await expect(new LoginPage(dashboard.page).form).toBeVisible();

    const otherLogin = new LoginPage(other);
    await expect(otherLogin.sessionNotice).toHaveText(/You were logged out|Session expired — log in again/);
    await expect(otherDashboard.watchlist.root).toHaveCount(0);
    await expect.poll(() => otherSockets.open(), { message: "the other tab's socket should close" }).toBe(0);
    const opened = otherSockets.opened();

    // Logging in again in the other tab returns to the dashboard with the saved watchlist intact.
    await logIn(other, users.trader);
    await expect(otherDashboard.watchlist.row("BBAS3:B")).toBeVisible();
    await expectAnyStreaming(otherDashboard.watchlist, ASSETS);
    expect(otherSockets.opened()).toBe(opened + 1);
  },
);
