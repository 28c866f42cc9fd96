import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { watchAppearance, watchClick } from "../components/appearance-clock.ts";
import type { DashboardPage } from "../pages/dashboard-page.ts";

/** Parse a price as the UI shows it in English, where E2E runs ("1,234.56"). */
export function parseUiPrice(text: string): number {
  return Number(text.replace(/,/g, ""));
}

/** A price as the English UI writes it, for the ticket and for finding it in tables ("37.10"). */
export function uiPrice(value: number, decimals = 2): string {
  return value.toFixed(decimals);
}

/** The watchlist's live last price of `asset` (waits for the first quote). */
export async function lastPrice(dashboard: DashboardPage, asset: string): Promise<number> {
  const cell = dashboard.watchlist.lastPrice(asset);
  await expect(cell).toHaveText(/\d/, { timeout: 15_000 });
  return parseUiPrice((await cell.textContent()) ?? "");
}

export interface Placed {
  orderId: string;
  /** Click on Buy/Sell → the acknowledgement visible in the ticket. */
  ackMs: number;
}

/**
 * Places a limit order through the ticket and waits for the acknowledgement. Click and ack are both timed inside the
 * page (appearance-clock), so the figure is the app's, not the test runner's.
 */
export async function placeLimit(
  dashboard: DashboardPage,
  side: "BUY" | "SELL",
  asset: string,
  lots: number,
  price: number,
): Promise<Placed> {
  const { ticket } = dashboard;
  await ticket.fillLimit(asset, lots, uiPrice(price));
  const clicked = await watchClick(dashboard.page, ".ticket .btn-buy, .ticket .btn-sell");
  const acked = await watchAppearance(dashboard.page, '[data-testid="ticket-ack"]');
  await (side === "BUY" ? ticket.buy : ticket.sell).click();
  await ticket.ack.waitFor({ state: "visible" });
  const ackMs = (await acked()) - (await clicked());
  return { orderId: await ticket.ackedOrderId(), ackMs };
}

/** Records a measured latency on the test (annotation) and prints it to the run's output. */
export function reportLatency(name: string, ms: number): void {
  test.info().annotations.push({ type: `${name} ms`, description: String(ms) });
  process.stdout.write(`[latency] ${name}: ${ms} ms\n`);
}

/**
 * POSTs an order straight to the BFF with the page's session cookie, as a same-origin script would (Origin + the CSRF
 * header), bypassing the UI. Returns the status and the error code, if any.
 */
export async function postOrderDirect(
  page: Page,
  origin: string,
  order: Record<string, unknown>,
): Promise<{ status: number; code: string | undefined; message: string | undefined }> {
  const res = await page.request.post("/api/v1/orders", {
    headers: { "x-pregao-csrf": "1", origin },
    timeout: 10_000,
    data: {
      account: { brokerId: 308, accountId: "10001" },
      asset: "PETR4:B",
      side: "BUY",
      type: "LIMIT",
      quantity: 100,
      price: 10,
      timeInForce: "DAY",
      idempotencyKey: randomUUID(),
      ...order,
    },
  });
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  return { status: res.status(), code: body.error?.code, message: body.error?.message };
}
