import type { Locator, Page } from "@playwright/test";

/** The Time and sales (tape) panel and its freshness. */
export class TimeAndSales {
  readonly root: Locator;
  /** The panel body; `data-stale="true"` while its data is not live. */
  readonly content: Locator;
  /** "12 s ago" (or "no data") while stale. */
  readonly age: Locator;
  readonly prints: Locator;
  readonly table: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Time and sales" });
    this.content = this.root.locator("[data-stale]");
    this.age = this.root.getByTestId("tape-age");
    this.table = this.root.getByRole("table", { name: /^Time and sales / });
    this.prints = this.table.locator("tbody tr");
  }
}
