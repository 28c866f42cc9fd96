import type { Locator, Page } from "@playwright/test";

/** The header's trader status strip (web/src/app/status-strip.tsx): feed, data age, own socket latency. */
export class StatusStrip {
  readonly root: Locator;
  readonly feed: Locator;
  readonly dataAge: Locator;
  readonly latency: Locator;
  readonly latencyMedian: Locator;
  /** "Reconnected" (a live region, empty until the socket comes back after a drop). */
  readonly reconnected: Locator;

  constructor(page: Page) {
    this.root = page.getByRole("group", { name: "Trader status" });
    this.feed = this.root.getByRole("status", { name: "Feed status" });
    this.dataAge = this.root.getByLabel("Data age", { exact: true });
    this.latency = this.root.getByLabel("Socket latency", { exact: true });
    this.latencyMedian = this.root.getByLabel("Socket latency median", { exact: true });
    this.reconnected = this.root.getByRole("status").filter({ hasText: /^Reconnected/ });
  }
}
