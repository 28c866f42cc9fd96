import type { Locator, Page } from "@playwright/test";

/**
 * The docking workspace: its tabs (one per panel, `role="tab"` named by the panel's title), each group's header
 * actions (Maximise/Restore, Pop out, Close — named after the group's front panel) and the toolbar above it.
 */
export class Dock {
  readonly root: Locator;
  readonly addPanel: Locator;
  readonly addPanelMenu: Locator;
  readonly resetLayout: Locator;
  readonly resetDialog: Locator;
  readonly confirmReset: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId("dock");
    this.addPanel = page.getByRole("button", { name: "Add panel" });
    this.addPanelMenu = page.getByRole("menu", { name: "Add panel" });
    this.resetLayout = page
      .getByRole("toolbar", { name: "Layout" })
      .getByRole("button", { name: "Reset layout" });
    this.resetDialog = page.getByRole("dialog", { name: "Reset layout?" });
    this.confirmReset = this.resetDialog.getByRole("button", { name: "Reset layout" });
  }

  tab(title: string): Locator {
    return this.root.getByRole("tab", { name: title, exact: true });
  }

  /** The group (tab strip + content) that holds `title`'s tab. */
  group(title: string): Locator {
    // `has` is relative to each group: a locator not rooted at the dock.
    return this.root
      .locator(".dv-groupview")
      .filter({ has: this.page.getByRole("tab", { name: title, exact: true }) });
  }

  /** The group's content area: dropping a tab on its centre makes it a tab of that group. */
  groupContent(title: string): Locator {
    return this.group(title).locator(".dv-content-container");
  }

  maximise(title: string): Locator {
    return this.root.getByRole("button", { name: `Maximise ${title}`, exact: true });
  }

  restore(title: string): Locator {
    return this.root.getByRole("button", { name: `Restore ${title}`, exact: true });
  }

  popOut(title: string): Locator {
    return this.root.getByRole("button", { name: `Pop out ${title}`, exact: true });
  }

  close(title: string): Locator {
    return this.root.getByRole("button", { name: `Close ${title}`, exact: true });
  }

  menuItem(title: string): Locator {
    return this.addPanelMenu.getByRole("menuitem", { name: title, exact: true });
  }

  /** Brings a tabbed panel to the front of its group. */
  async show(title: string): Promise<void> {
    await this.tab(title).click();
  }

  /** Drags `title`'s tab onto the centre of the group holding `onto`: it becomes a tab there. */
  async dragTabOnto(title: string, onto: string): Promise<void> {
    await this.tab(title).dragTo(this.groupContent(onto));
  }

  /** The arrangement on screen: each group's tab titles, in document order. */
  async groups(): Promise<string[][]> {
    return this.root.locator(".dv-groupview").evaluateAll((groups) =>
      // dockview's own tabs only (a panel may have tabs of its own, like the blotter's status tabs)
      groups.map((g) =>
        Array.from(g.querySelectorAll(".dv-tab")).map((t) => t.getAttribute("aria-label") ?? ""),
      ),
    );
  }
}
