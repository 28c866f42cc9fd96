import type { Page } from "@playwright/test";
import { FeedIndicator } from "../components/feed-indicator.ts";
import { Panel } from "../components/panel.ts";
import { Watchlist } from "../components/watchlist.ts";

declare global {
  interface Window {
    /** Present only in e2e builds (web/src/lib/test-hooks.ts). */
    __pregaoTest?: { crashPanel(id: string): void };
  }
}

export class DashboardPage {
  readonly feed: FeedIndicator;
  readonly watchlist: Watchlist;

  constructor(readonly page: Page) {
    this.feed = new FeedIndicator(page);
    this.watchlist = new Watchlist(page);
  }

  /** Opens the dashboard with a known watchlist (bypasses the saved one). */
  async open(): Promise<void> {
    await this.page.addInitScript(() => window.localStorage.clear());
    await this.page.goto("/");
  }

  panel(title: string): Panel {
    return new Panel(this.page, title);
  }

  /** Makes a panel throw on its next render, through the e2e-only hook. */
  async crashPanel(id: string): Promise<void> {
    await this.page.waitForFunction(() => window.__pregaoTest !== undefined);
    await this.page.evaluate((panelId) => window.__pregaoTest!.crashPanel(panelId), id);
  }
}
