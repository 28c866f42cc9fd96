import type { Locator, Page } from "@playwright/test";

/** The Positions panel: one row per asset, unrealised P&L cell, totals row. */
export class Positions {
  readonly root: Locator;
  readonly total: Locator;
  readonly table: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Positions" });
    this.table = this.root.getByRole("table", { name: "Positions" });
    this.total = this.root.getByTestId("positions-total");
  }

  row(asset: string): Locator {
    return this.root.getByTestId(`position-${asset}`);
  }

  unrealized(asset: string): Locator {
    return this.root.getByTestId(`unrealized-${asset}`);
  }
}
