import type { Locator, Page } from "@playwright/test";

/** The header's compact feed status (role=status, "Feed status"). */
export class FeedIndicator {
  readonly root: Locator;
  constructor(page: Page) {
    this.root = page.getByRole("status", { name: "Feed status" });
  }
}
