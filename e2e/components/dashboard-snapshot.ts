import type { Locator, Page } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { Chart } from "./chart.ts";

/**
 * What a dashboard screenshot leaves out, and how. Boxes of a fixed size whose pixels change with the date or the
 * clock are masked: the chart's plot (a third-party canvas; the simulator dates its history from today) and the
 * legend's bar time. Times, ages, round trips and the Health sparklines are hidden by `stylePath` (clock-free.css),
 * collapsed where their width would move their neighbours (a mask covers the element's whole box, even the part a
 * scrolled panel clips, so it would hide the panels below). The page needs `bypassCSP`: Playwright
 * injects that sheet as an inline <style>, which the BFF's `style-src 'self'` refuses (the CSP has its own spec).
 */
export class DashboardSnapshot {
  /** For `toHaveScreenshot({ stylePath })`. */
  static readonly stylePath = fileURLToPath(new URL("./clock-free.css", import.meta.url));

  constructor(private readonly page: Page) {}

  masks(): Locator[] {
    const chart = new Chart(this.page);
    return [chart.plot, chart.legend.locator(".chart-legend-time")];
  }

  /** Moves the pointer off every panel (no crosshair on the chart, no hover styling). */
  async parkPointer(): Promise<void> {
    await this.page.mouse.move(0, 0);
  }
}
