import type { Locator, Page } from "@playwright/test";

/** The Order ticket panel, by its labelled controls. */
export class OrderTicket {
  readonly root: Locator;
  readonly account: Locator;
  readonly asset: Locator;
  readonly type: Locator;
  readonly validity: Locator;
  readonly quantity: Locator;
  readonly price: Locator;
  readonly stopPrice: Locator;
  readonly buy: Locator;
  readonly sell: Locator;
  /** The acknowledgement line: "Order <id> — <status>". */
  readonly ack: Locator;
  /** Refusals and validation errors (role="alert"). */
  readonly alert: Locator;
  readonly retry: Locator;
  readonly confirmDialog: Locator;
  /** The ticket's own confirmation's confirm button ("Confirm buy" / "Confirm sell"). */
  readonly confirmOrder: Locator;
  /** The order manager's price-collar question (428): "Confirm price far from last trade". */
  readonly collarDialog: Locator;
  readonly collarConfirm: Locator;
  readonly collarCancel: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Order ticket" });
    this.account = this.root.getByLabel("Account");
    this.asset = this.root.getByLabel("Asset");
    this.type = this.root.getByLabel("Order type");
    this.validity = this.root.getByLabel("Validity");
    this.quantity = this.root.getByLabel("Quantity (lots)");
    this.price = this.root.getByLabel("Price", { exact: true });
    this.stopPrice = this.root.getByLabel("Stop price");
    this.buy = this.root.getByRole("button", { name: "Buy", exact: true });
    this.sell = this.root.getByRole("button", { name: "Sell", exact: true });
    this.ack = this.root.getByTestId("ticket-ack");
    this.alert = this.root.getByRole("alert");
    this.retry = this.root.getByRole("button", { name: "Retry" });
    this.confirmDialog = page.getByRole("dialog", { name: /Confirm (buy|sell) order/ });
    this.confirmOrder = this.confirmDialog.getByRole("button", { name: /^Confirm (buy|sell)$/ });
    this.collarDialog = page.getByRole("dialog", { name: "Confirm price far from last trade" });
    this.collarConfirm = this.collarDialog.getByRole("button", { name: /^Send (buy|sell) anyway$/ });
    this.collarCancel = this.collarDialog.getByRole("button", { name: "Cancel" });
  }

  /** Fill a limit order (lots, price as typed, e.g. "37.10"). */
  async fillLimit(asset: string, lots: number, price: string): Promise<void> {
    await this.asset.fill(asset);
    await this.type.selectOption("LIMIT");
    await this.quantity.fill(String(lots));
    await this.price.fill(price);
  }

  /** The order id from the ack line. */
  async ackedOrderId(): Promise<string> {
    const text = (await this.ack.textContent()) ?? "";
    const m = /Order\s+(\S+)\s+—/.exec(text);
    if (!m) throw new Error(`no order id in ack: ${text}`);
    return m[1]!;
  }
}
