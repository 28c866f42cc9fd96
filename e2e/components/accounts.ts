import type { Locator, Page } from "@playwright/test";

/** The Accounts panel: "Your accounts" (trader) or "All accounts (read-only)" (risk), one row per account. */
export class Accounts {
  readonly root: Locator;
  readonly own: Locator;
  readonly all: Locator;
  /** Whichever table the panel shows. */
  readonly table: Locator;
  constructor(page: Page) {
    this.root = page.getByRole("region", { name: "Accounts" });
    this.own = this.root.getByRole("table", { name: "Your accounts" });
    this.all = this.root.getByRole("table", { name: "All accounts (read-only)" });
    this.table = this.root.getByRole("table");
  }

  /** Body rows of `table` (header row excluded). */
  rows(table: Locator): Locator {
    return table.getByRole("row").filter({ has: table.page().getByRole("cell") });
  }

  /** The row of one account (`brokerId` and `accountId` cells). */
  row(table: Locator, ref: string): Locator {
    const [brokerId, accountId] = ref.split(":");
    return this.rows(table)
      .filter({ has: table.page().getByRole("cell", { name: brokerId, exact: true }) })
      .filter({ has: table.page().getByRole("cell", { name: accountId, exact: true }) });
  }
}
