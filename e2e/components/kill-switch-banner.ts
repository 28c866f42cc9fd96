import type { Locator, Page } from "@playwright/test";

/** The app-wide red banner shown to every role while the kill switch is active. */
export class KillSwitchBanner {
  readonly root: Locator;
  constructor(page: Page) {
    // The ticket's own alert repeats the text, so the banner is pinned by its test id too.
    this.root = page.getByRole("alert").and(page.getByTestId("kill-switch-banner"));
  }
}
