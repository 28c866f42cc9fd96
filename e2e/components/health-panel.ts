import type { Locator, Page } from "@playwright/test";

/** The risk desk's Health panel (web/src/panels/ops-health): readiness, dependency rows, feed facts, trends. */
export class HealthPanel {
  readonly root: Locator;
  readonly readiness: Locator;
  readonly dependencies: Locator;
  readonly feedSection: Locator;
  readonly guide: Locator;
  readonly trends: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByRole("region", { name: "Health", exact: true });
    this.readiness = this.root.getByRole("region", { name: "Readiness" });
    this.dependencies = this.root.getByRole("table", { name: "Dependencies" });
    this.feedSection = this.root.getByRole("region", { name: "Feed", exact: true });
    this.guide = this.root.getByRole("link", { name: "How to read this panel" });
    this.trends = this.root.getByRole("region", { name: "Last 15 minutes" }).getByRole("img");
  }

  /** The row of one dependency check (`feed`, `order-manager`, …). */
  dependency(name: string): DependencyRow {
    const row = this.dependencies
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name, exact: true }) });
    return new DependencyRow(row);
  }

  /** A value of the feed / clients sections by its term ("Link", "Data age", "Messages/s", …): the term's `dd`. */
  fact(term: string): Locator {
    const exact = new RegExp(`^${term.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);
    return this.root.locator("dt").filter({ hasText: exact }).locator("xpath=following-sibling::dd[1]");
  }
}

/** Cells of one dependency row: Status, Output (+ Runbook link), Checked, Probe, Breaker, Critical. */
export class DependencyRow {
  readonly status: Locator;
  readonly output: Locator;
  readonly breaker: Locator;
  readonly runbook: Locator;

  constructor(readonly root: Locator) {
    const cells = root.getByRole("cell");
    this.status = cells.nth(0);
    this.output = cells.nth(1);
    this.breaker = cells.nth(4);
    this.runbook = root.getByRole("link", { name: "Runbook" });
  }
}
