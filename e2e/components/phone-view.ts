import type { Locator, Page } from "@playwright/test";

/** The phone layout (≤ 480 px): the read-only note, the selected asset's quote, and page-level overflow. */
export class PhoneView {
  /** "Trading is available on a larger screen." */
  readonly note: Locator;
  readonly quote: Locator;
  /** The asset the quote shows. */
  readonly quoteAsset: Locator;
  readonly quoteLast: Locator;
  readonly quoteChange: Locator;
  readonly ticket: Locator;

  constructor(private readonly page: Page) {
    this.note = page.getByRole("note").filter({ hasText: "Trading is available on a larger screen" });
    this.quote = page.getByRole("region", { name: "Quote" });
    this.quoteAsset = this.quote.getByTestId("quote-asset");
    this.quoteLast = this.quote.getByLabel("Last");
    this.quoteChange = this.quote.getByLabel("Change");
    this.ticket = page.getByRole("region", { name: "Order ticket" });
  }

  /** How far the page scrolls sideways (`scrollWidth − innerWidth`); 0 when everything fits. */
  horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  }
}
