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
  /** "Earlier trades unavailable …": the BFF could not send the prints before the subscription. */
  readonly historyUnavailable: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Time and sales" });
    this.content = this.root.locator("[data-stale]");
    this.age = this.root.getByTestId("tape-age");
    this.table = this.root.getByRole("table", { name: /^Time and sales / });
    this.prints = this.table.locator("tbody tr");
    this.historyUnavailable = this.root.getByRole("status").filter({ hasText: /Earlier trades unavailable/ });
  }

  /** The asset the tape shows (from the table's label). */
  async asset(): Promise<string> {
    const label = (await this.table.getAttribute("aria-label")) ?? "";
    return label.replace(/^Time and sales /, "");
  }

  /** Each print's time (HH:MM:SS, São Paulo), newest first, as shown. */
  async printTimes(): Promise<string[]> {
    return this.prints.locator("td:first-child").allTextContents();
  }

  /** The newest print's price as a number, whatever the locale ("37,12" or "37.12" → 37.12). */
  async newestPrice(): Promise<number> {
    const text = ((await this.prints.first().locator("td").nth(1).textContent()) ?? "").replace(
      /[^\d.,]/g,
      "",
    );
    const sep = Math.max(text.lastIndexOf(","), text.lastIndexOf("."));
    return sep < 0
      ? Number(text)
      : Number(`${text.slice(0, sep).replace(/[.,]/g, "")}.${text.slice(sep + 1)}`);
  }
}
