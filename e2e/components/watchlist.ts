import type { Locator, Page } from "@playwright/test";

/**
 * The watchlist panel: rows per asset, the add-asset combobox, per-row remove buttons, and its named lists (the list
 * select, New / Rename / Delete list, the name form and its validation message, the delete confirmation).
 */
export class Watchlist {
  readonly root: Locator;
  /** The quotes table (column fit checks). */
  readonly table: Locator;
  readonly addAsset: Locator;
  readonly list: Locator;
  readonly newList: Locator;
  readonly renameList: Locator;
  readonly deleteList: Locator;
  readonly listName: Locator;
  readonly listNameError: Locator;
  readonly deleteDialog: Locator;
  constructor(private readonly page: Page) {
    this.root = page.getByRole("region", { name: "Watchlist" });
    this.table = this.root.getByRole("table", { name: "Watchlist quotes" });
    this.addAsset = this.root.getByRole("combobox", { name: "Add asset" });
    this.list = this.root.getByRole("combobox", { name: "Watchlist", exact: true });
    this.newList = this.root.getByRole("button", { name: "New list", exact: true });
    this.renameList = this.root.getByRole("button", { name: "Rename list", exact: true });
    this.deleteList = this.root.getByRole("button", { name: "Delete list", exact: true });
    this.listName = this.root.getByRole("textbox", { name: "List name" });
    this.listNameError = this.root.getByRole("form").getByRole("alert");
    this.deleteDialog = page.getByRole("dialog", { name: /^Delete “/ });
  }

  /** New list → name → Create (the panel then shows it). */
  async createList(name: string): Promise<void> {
    await this.newList.click();
    await this.listName.fill(name);
    await this.listName.press("Enter");
  }

  /** Shows list `name` in this panel. */
  async showList(name: string): Promise<void> {
    await this.list.selectOption({ label: name });
  }

  row(asset: string): Locator {
    return this.root.getByRole("row", { name: new RegExp(escape(asset)) });
  }

  rows(): Locator {
    return this.root.getByRole("row").filter({ has: this.page.getByTestId(/^last-/) });
  }

  lastPrice(asset: string): Locator {
    return this.root.getByTestId(`last-${asset}`);
  }

  /** Select `asset` (the book, the tape and the ticket follow it). */
  async select(asset: string): Promise<void> {
    await this.root.getByRole("button", { name: asset, exact: true }).click();
  }

  async add(query: string, asset: string): Promise<void> {
    await this.addAsset.fill(query);
    await this.root
      .getByRole("option", { name: new RegExp(escape(asset)) })
      .first()
      .click();
  }

  async remove(asset: string): Promise<void> {
    await this.root.getByRole("button", { name: `Remove ${asset}` }).click();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
