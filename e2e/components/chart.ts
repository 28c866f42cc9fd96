import type { Locator, Page } from "@playwright/test";

type LegendField = "O" | "H" | "L" | "C" | "V";

/** The Chart panel: interval toggle, OHLCV legend, the plot (a canvas) and its freshness. */
export class Chart {
  readonly root: Locator;
  /** The panel body; `data-stale="true"` while the asset's data is not live. */
  readonly content: Locator;
  /** The plot; `data-bars` = history bars loaded, `data-forming-close` = the live forming bar's close. */
  readonly plot: Locator;
  readonly legend: Locator;
  readonly intervals: Locator;
  /** "12 s ago" (or "no data") while stale. */
  readonly age: Locator;
  readonly staleDialog: Locator;
  readonly useStalePrice: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByRole("region", { name: "Chart" });
    this.content = this.root.locator("[data-stale]");
    this.plot = this.root.getByTestId("chart-plot");
    this.legend = this.root.getByTestId("chart-legend");
    this.intervals = this.root.getByRole("group", { name: "Interval" });
    this.age = this.root.getByTestId("chart-age");
    this.staleDialog = page.getByRole("dialog", { name: "Use a stale price?" });
    this.useStalePrice = this.staleDialog.getByRole("button", { name: "Use price" });
  }

  interval(label: "1m" | "5m" | "15m" | "60m" | "1D"): Locator {
    return this.intervals.getByRole("button", { name: label, exact: true });
  }

  /** One value of the legend (the newest bar while the pointer is off the plot). */
  legendValue(field: LegendField): Locator {
    return this.legend.getByTestId(`chart-legend-${field.toLowerCase()}`);
  }

  /** The legend value as a number (English text, where E2E runs: `1,234.56`). */
  async legendNumber(field: LegendField): Promise<number> {
    const text = (await this.legendValue(field).textContent()) ?? "";
    return Number(text.replace(/,/g, ""));
  }

  /** Clicks the plot `fraction` of the way down from its top (a price on the axis there). */
  async clickPlot(fraction = 0.3): Promise<void> {
    const box = await this.plot.boundingBox();
    if (!box) throw new Error("chart plot not visible");
    await this.page.mouse.click(box.x + box.width / 2, box.y + box.height * fraction);
  }
}
