import type { Locator, Page } from "@playwright/test";

/** The Blotter panel: status tabs, one row per order (data-testid order-<id>), Cancel per working row. */
export class Blotter {
  readonly root: Locator;
  readonly cancelAll: Locator;
  readonly alert: Locator;
  readonly table: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Blotter" });
    this.table = this.root.getByRole("table", { name: "Orders" });
    this.cancelAll = this.root.getByRole("button", { name: "Cancel all" });
    this.alert = this.root.getByRole("alert");
  }

  tab(name: "Working" | "Filled" | "Cancelled" | "Rejected" | "All"): Locator {
    return this.root.getByRole("tab", { name: new RegExp(`^${name}`) });
  }

  /** Every order row on the current tab. */
  rows(): Locator {
    return this.root.getByTestId(/^order-/);
  }

  /** Rows on the current tab whose text shows `price` as the UI formats it (e.g. "38.72" in English). */
  rowsAtPrice(price: string): Locator {
    return this.rows().filter({ hasText: price });
  }

  row(orderId: string): Locator {
    return this.root.getByTestId(`order-${orderId}`);
  }

  /** The order's row once it shows `status` (e.g. FILLED). */
  rowWithStatus(orderId: string, status: string): Locator {
    return this.row(orderId).and(this.root.locator(`[data-status="${status}"]`));
  }

  /** Every row on the current tab showing `status` (e.g. REJECTED). */
  rowsWithStatus(status: string): Locator {
    return this.rows().and(this.root.locator(`[data-status="${status}"]`));
  }

  cancel(orderId: string): Locator {
    return this.root.getByRole("button", { name: `Cancel ${orderId}` });
  }
}
