import type { Locator, Page } from "@playwright/test";

/** The Order book (depth) panel: levels as buttons, its freshness, and the stale-price confirmation. */
export class OrderBook {
  readonly root: Locator;
  /** The panel body; `data-stale="true"` while its data is not live. */
  readonly content: Locator;
  /** "12 s ago" (or "no data") while stale. */
  readonly age: Locator;
  readonly bids: Locator;
  readonly asks: Locator;
  /** Asked before a stale level's price reaches the ticket. */
  readonly staleDialog: Locator;
  readonly useStalePrice: Locator;
  readonly cancelStalePrice: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Order book" });
    this.content = this.root.locator("[data-stale]");
    this.age = this.root.getByTestId("book-age");
    this.bids = this.root.getByRole("table", { name: /^Bids / });
    this.asks = this.root.getByRole("table", { name: /^Asks / });
    this.staleDialog = page.getByRole("dialog", { name: "Use a stale price?" });
    this.useStalePrice = this.staleDialog.getByRole("button", { name: "Use price" });
    this.cancelStalePrice = this.staleDialog.getByRole("button", { name: "Cancel" });
  }

  /** The price button of the best bid. */
  bestBid(): Locator {
    return this.bids.getByRole("button").first();
  }
}
