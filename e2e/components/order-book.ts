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

  /** @param title the panel's title: "Order book", or "Order book 2" for a second instance */
  constructor(
    readonly page: Page,
    title = "Order book",
  ) {
    this.root = page.getByRole("region", { name: title, exact: true });
    this.content = this.root.locator("[data-stale]");
    this.age = this.root.getByTestId("book-age");
    this.bids = this.root.getByRole("table", { name: /^Bids / });
    this.asks = this.root.getByRole("table", { name: /^Asks / });
    this.staleDialog = page.getByRole("dialog", { name: "Use a stale price?" });
    this.useStalePrice = this.staleDialog.getByRole("button", { name: "Use price" });
    this.cancelStalePrice = this.staleDialog.getByRole("button", { name: "Cancel" });
  }

  /** The bids table of `asset` ("Bids PETR4:B"): visible when the book shows that asset. */
  bidsOf(asset: string): Locator {
    return this.root.getByRole("table", { name: `Bids ${asset}`, exact: true });
  }

  /** The price button of the best bid. */
  bestBid(): Locator {
    return this.bids.getByRole("button").first();
  }
}
