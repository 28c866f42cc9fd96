import type { Page } from "@playwright/test";
import { Accounts } from "../components/accounts.ts";
import { Blotter } from "../components/blotter.ts";
import { KillSwitchBanner } from "../components/kill-switch-banner.ts";
import { OrderBook } from "../components/order-book.ts";
import { OrderTicket } from "../components/order-ticket.ts";
import { Positions } from "../components/positions.ts";
import { RiskPanel } from "../components/risk-panel.ts";
import { FeedIndicator } from "../components/feed-indicator.ts";
import { HealthPanel } from "../components/health-panel.ts";
import { StatusStrip } from "../components/status-strip.ts";
import { TimeAndSales } from "../components/time-and-sales.ts";
import { Chart } from "../components/chart.ts";
import { Dock } from "../components/dock.ts";
import { Panel } from "../components/panel.ts";
import { UserMenu } from "../components/user-menu.ts";
import { Watchlist } from "../components/watchlist.ts";

declare global {
  interface Window {
    /** Present only in e2e builds (web/src/lib/test-hooks.ts). */
    __pregaoTest?: { crashPanel(id: string): void; release: string | undefined; dropSocket(): void };
  }
}

export class DashboardPage {
  readonly feed: FeedIndicator;
  readonly watchlist: Watchlist;
  readonly accounts: Accounts;
  readonly userMenu: UserMenu;
  readonly ticket: OrderTicket;
  readonly blotter: Blotter;
  readonly positions: Positions;
  readonly risk: RiskPanel;
  readonly killSwitchBanner: KillSwitchBanner;
  readonly health: HealthPanel;
  readonly statusStrip: StatusStrip;
  readonly orderBook: OrderBook;
  readonly timeAndSales: TimeAndSales;
  readonly chart: Chart;
  /** The docking workspace: tabs, group actions, Add panel, Reset layout. */
  readonly dock: Dock;

  /**
   * @param authenticate logs this page in (the fixture passes the login flow); pages never import flows, so the
   * dependency is handed in.
   */
  constructor(
    readonly page: Page,
    private readonly authenticate?: () => Promise<void>,
  ) {
    this.feed = new FeedIndicator(page);
    this.watchlist = new Watchlist(page);
    this.accounts = new Accounts(page);
    this.userMenu = new UserMenu(page);
    this.ticket = new OrderTicket(page);
    this.blotter = new Blotter(page);
    this.positions = new Positions(page);
    this.risk = new RiskPanel(page);
    this.killSwitchBanner = new KillSwitchBanner(page);
    this.health = new HealthPanel(page);
    this.statusStrip = new StatusStrip(page);
    this.orderBook = new OrderBook(page);
    this.timeAndSales = new TimeAndSales(page);
    this.chart = new Chart(page);
    this.dock = new Dock(page);
  }

  /** Opens the dashboard with a known watchlist (bypasses any saved one), logged in as the fixture's user. */
  async open(): Promise<void> {
    // Once per tab (sessionStorage survives reloads): a reload later in the test must keep what the test saved.
    await this.page.addInitScript(() => {
      if (window.sessionStorage.getItem("e2e:storage-cleared")) return;
      window.localStorage.clear();
      window.sessionStorage.setItem("e2e:storage-cleared", "1");
    });
    if (this.authenticate) await this.authenticate();
    else await this.page.goto("/");
  }

  /** Navigates to `/` in this tab (e.g. a second tab of an already logged-in browser). */
  async goto(): Promise<void> {
    await this.page.goto("/");
  }

  panel(title: string): Panel {
    return new Panel(this.page, title);
  }

  async logOut(): Promise<void> {
    await this.userMenu.logOutButton.click();
  }

  /** The release (git SHA) this build reports to Sentry, through the e2e-only hook. */
  async release(): Promise<string | undefined> {
    await this.page.waitForFunction(() => window.__pregaoTest !== undefined);
    return this.page.evaluate(() => window.__pregaoTest!.release);
  }

  /** Drops the socket's transport as the network would (socket.io reconnects by itself), through the e2e-only hook. */
  async dropSocket(): Promise<void> {
    await this.page.waitForFunction(() => window.__pregaoTest !== undefined);
    await this.page.evaluate(() => window.__pregaoTest!.dropSocket());
  }

  /** Makes a panel throw on its next render, through the e2e-only hook. */
  async crashPanel(id: string): Promise<void> {
    await this.page.waitForFunction(() => window.__pregaoTest !== undefined);
    await this.page.evaluate((panelId) => window.__pregaoTest!.crashPanel(panelId), id);
  }
}
