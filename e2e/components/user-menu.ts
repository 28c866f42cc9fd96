import type { Locator, Page } from "@playwright/test";

/** The header's user group: "Demo Trader · trader" and the Log out button. */
export class UserMenu {
  readonly root: Locator;
  readonly logOutButton: Locator;
  constructor(page: Page) {
    this.root = page.getByRole("group", { name: "User" });
    this.logOutButton = this.root.getByRole("button", { name: "Log out" });
  }
}
