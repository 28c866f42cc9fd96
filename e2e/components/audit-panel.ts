import type { Locator, Page } from "@playwright/test";

/** The Audit panel (risk): filters, the trail's table, paging, Refresh and the CSV export. */
export class AuditPanel {
  readonly root: Locator;
  readonly filters: Locator;
  readonly user: Locator;
  readonly action: Locator;
  readonly from: Locator;
  readonly to: Locator;
  readonly asset: Locator;
  readonly orderId: Locator;
  readonly apply: Locator;
  readonly clear: Locator;
  readonly table: Locator;
  readonly older: Locator;
  readonly newer: Locator;
  readonly refresh: Locator;
  readonly exportCsv: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Audit" });
    this.filters = this.root.getByRole("form", { name: "Audit filters" });
    this.user = this.filters.getByLabel("User", { exact: true });
    this.action = this.filters.getByLabel("Action", { exact: true });
    this.from = this.filters.getByLabel("From", { exact: true });
    this.to = this.filters.getByLabel("To", { exact: true });
    this.asset = this.filters.getByLabel("Asset", { exact: true });
    this.orderId = this.filters.getByLabel("Order ID", { exact: true });
    this.apply = this.filters.getByRole("button", { name: "Apply" });
    this.clear = this.filters.getByRole("button", { name: "Clear" });
    this.table = this.root.getByRole("table", { name: "Audit trail" });
    this.older = this.root.getByRole("button", { name: "Older" });
    this.newer = this.root.getByRole("button", { name: "Newer" });
    this.refresh = this.root.getByRole("button", { name: "Refresh" });
    this.exportCsv = this.root.getByRole("button", { name: "Export CSV" });
    this.alert = this.root.getByRole("alert");
  }

  /** Body rows (the header row has no cells). */
  rows(): Locator {
    return this.table.getByRole("row").filter({ has: this.page.getByRole("cell") });
  }

  /** The rows showing `text` in one of their cells (an order id, an action). */
  rowWith(text: string): Locator {
    return this.rows().filter({ has: this.page.getByRole("cell", { name: text, exact: true }) });
  }

  /** The User column of the rows on screen, top to bottom. */
  async usersShown(): Promise<string[]> {
    // Column 2 (after Time); cells, not text matching, so a user named like an action is not miscounted.
    return this.rows().evaluateAll((rows) => rows.map((r) => r.querySelectorAll("td")[1]?.textContent ?? ""));
  }

  /** The button that expands an entry's details. */
  showDetails(seq: number): Locator {
    return this.root.getByRole("button", { name: `Show details of entry ${seq}` });
  }
}
