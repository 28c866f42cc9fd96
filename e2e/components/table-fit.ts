import type { Locator } from "@playwright/test";

/**
 * Cells of `table` whose text is cut (content wider than the cell). A header must never be cut; a data cell may be
 * only when its `title` carries the full text. Returns "header: Reasor"-style descriptions of the offenders.
 */
export async function cutCells(table: Locator): Promise<string[]> {
  return table.evaluate((t) => {
    const out: string[] = [];
    for (const cell of Array.from(t.querySelectorAll<HTMLElement>("th, td"))) {
      if (cell.scrollWidth <= cell.clientWidth + 1) continue;
      const text = (cell.textContent ?? "").trim();
      const isHeader = cell.tagName === "TH" && cell.closest("thead") !== null;
      if (isHeader || cell.title.trim() !== text) out.push(`${isHeader ? "header" : "cell"}: ${text}`);
    }
    return out;
  });
}

/** A computed style property of the first element `locator` matches. */
export async function computedStyle(locator: Locator, property: string): Promise<string> {
  return locator.first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
}

/** How many CSS pixels `table` sticks out past the right edge of its panel's visible body (0 when it fits). */
export async function overflowPx(table: Locator): Promise<number> {
  return table.evaluate((t) => {
    const body = t.closest(".panel-body") ?? t.parentElement!;
    return Math.max(0, Math.round(t.scrollWidth - body.clientWidth));
  });
}
