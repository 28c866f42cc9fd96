import type { Locator, Page } from "@playwright/test";

/** The watchlist panel: rows per asset, the add-asset combobox and per-row remove buttons. */
export class Watchlist {
  readonly root: Locator;
  readonly addAsset: Locator;
  constructor(private readonly page: Page) {
    this.root = page.getByRole("region", { name: "Watchlist" });
    this.addAsset = this.root.getByRole("combobox", { name: "Add asset" });
  }

  row(asset: string): Locator {
    return this.root.getByRole("row", { name: new RegExp(escape(asset)) });
  }

  rows(): Locator {
    return this.root.getByRole("row").filter({ has: this.page.getByTestId(/^last-/) });
  }

  lastPrice(asset: string): Locator {
    return this.root.getByTestId(`last-${asset}`);
  }

  /** Select `asset` (the book, the tape and the ticket follow it). */
  async select(asset: string): Promise<void> {
    await this.root.getByRole("button", { name: asset, exact: true }).click();
  }

  async add(query: string, asset: string): Promise<void> {
    await this.addAsset.fill(query);
    await this.root
      .getByRole("option", { name: new RegExp(escape(asset)) })
      .first()
      .click();
  }

  async remove(asset: string): Promise<void> {
    await this.root.getByRole("button", { name: `Remove ${asset}` }).click();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
