import type { Locator, Page } from "@playwright/test";

/** The Risk panel's kill switch: activate/deactivate, each through a dialog with a reason and a confirmation. */
export class RiskPanel {
  readonly root: Locator;
  readonly activate: Locator;
  readonly deactivate: Locator;
  readonly dialog: Locator;
  readonly reason: Locator;
  readonly confirmCheckbox: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Risk" });
    this.activate = this.root.getByRole("button", { name: "Activate kill switch" });
    this.deactivate = this.root.getByRole("button", { name: "Deactivate kill switch" });
    this.dialog = page.getByRole("dialog", { name: /(Activate|Deactivate) kill switch/ });
    this.reason = this.dialog.getByLabel("Reason");
    this.confirmCheckbox = this.dialog.getByRole("checkbox");
  }

  /** The dialog's final button ("Activate" / "Deactivate"). */
  submit(name: "Activate" | "Deactivate"): Locator {
    return this.dialog.getByRole("button", { name, exact: true });
  }
}
