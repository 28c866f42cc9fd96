import type { Locator, Page } from "@playwright/test";

/** Any dashboard panel frame, located by its title (section aria-label). */
export class Panel {
  readonly root: Locator;
  readonly reloadButton: Locator;
  constructor(page: Page, title: string) {
    this.root = page.getByRole("region", { name: title });
    this.reloadButton = this.root.getByRole("button", { name: "Reload panel" });
  }
}
