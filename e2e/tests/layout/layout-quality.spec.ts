import { test, expect } from "../../fixtures/index.ts";
import { computedStyle, cutCells, overflowPx } from "../../components/table-fit.ts";
import { lastPrice, postOrderDirect } from "../../flows/trading.ts";

const ASSET = "PETR4:B";
const tick = (n: number) => Math.round(n * 100) / 100;

test.describe("as a viewer", () => {
  test.use({ user: "viewer" });

  test("the tape and the book keep the shared table styling (controls.css) without any trader panel loaded", async ({
    dashboard,
  }) => {
    await dashboard.open();
    const tape = dashboard.timeAndSales.table;
    await expect(tape).toBeVisible();
    // .data-table (controls.css): fixed layout and sticky headers; without the sheet a table is auto/static.
    expect(await computedStyle(tape, "table-layout")).toBe("fixed");
    expect(await computedStyle(tape.getByRole("columnheader"), "position")).toBe("sticky");
    await expect(dashboard.orderBook.bids).toBeVisible();
    expect(await computedStyle(dashboard.orderBook.bids, "table-layout")).toBe("fixed");
  });
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1600, height: 900 },
]) {
  test(`blotter and positions cut no header nor any value without its full text in a tooltip, at ${viewport.width} px`, async ({
    dashboard,
    page,
    baseURL,
  }) => {
    test.slow(); // orders round trip through the simulator
    await page.setViewportSize(viewport);
    await dashboard.open();
    const last = await lastPrice(dashboard, ASSET);
    // A filled market order (a position), a GTC stop-limit (stop and validity columns) and a position-limit refusal
    // (the long reason that showed as "Po…").
    const placed = [
      await postOrderDirect(page, baseURL!, { type: "MARKET", price: undefined, quantity: 100 }),
      await postOrderDirect(page, baseURL!, {
        type: "STOP_LIMIT",
        price: tick(last * 1.01),
        stopPrice: tick(last * 1.005),
        timeInForce: "GTC",
      }),
      await postOrderDirect(page, baseURL!, { price: tick(last * 0.99), quantity: 1_100 }),
    ];
    expect(placed.map((p) => p.status)).toEqual([201, 201, 403]);
    const { blotter, positions } = dashboard;
    await blotter.tab("All").click();
    await expect(blotter.rowsWithStatus("REJECTED").first()).toContainText("Position limit exceeded");
    await expect(positions.row(ASSET)).toBeVisible({ timeout: 15_000 });
    expect(await cutCells(blotter.table)).toEqual([]);
    expect(await cutCells(positions.table)).toEqual([]);
    // Positions must fit its one-column panel: every P&L column visible without scrolling sideways.
    expect(await overflowPx(positions.table)).toBe(0);
  });
}
