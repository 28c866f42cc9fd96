import type { Locator, Page } from "@playwright/test";

export type LinkGroupName = "none" | "red" | "green" | "blue" | "yellow";

/**
 * A panel's link-group control ("Link group: blue") and its menu (one radio item per group). The control sits in the
 * header of the tab's group and belongs to the group's front panel (a tab can hold no control): `choose` brings the
 * tab to the front first.
 */
export class LinkGroupPicker {
  readonly button: Locator;
  readonly menu: Locator;

  /** @param tab the panel's tab (Dock.tab(title)) */
  constructor(
    page: Page,
    readonly tab: Locator,
  ) {
    this.button = tab
      .locator("xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' dv-groupview ')][1]")
      .getByRole("button", { name: /^Link group: / });
    this.menu = page.getByRole("menu", { name: "Link group" });
  }

  item(group: LinkGroupName): Locator {
    return this.menu.getByRole("menuitemradio", { name: group, exact: true });
  }

  /** Moves the panel into `group` ("none": unlinked). */
  async choose(group: LinkGroupName): Promise<void> {
    await this.tab.click();
    await this.button.click();
    await this.item(group).click();
  }
}
