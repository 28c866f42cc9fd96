import type { Locator } from "@playwright/test";

/**
 * Cells of `table` whose text is cut (content wider than the cell); columns hidden for width don't count. A header must never be cut; a data cell may be
 * only when its `title` carries the full text (it may say more: "Morgan Stanley (code 13)"). Returns "header: Reasor"-style descriptions of the offenders.
 */
export async function cutCells(table: Locator): Promise<string[]> {
  return table.evaluate((t) => {
    const out: string[] = [];
    for (const cell of Array.from(t.querySelectorAll<HTMLElement>("th, td"))) {
      // A column the panel dropped for width (display: none, or a collapsed <col>) shows nothing to cut.
      if (cell.getBoundingClientRect().width < 1) continue;
      if (cell.scrollWidth <= cell.clientWidth + 1) continue;
      const text = (cell.textContent ?? "").trim();
      const isHeader = cell.tagName === "TH" && cell.closest("thead") !== null;
      if (isHeader || !cell.title.includes(text)) out.push(`${isHeader ? "header" : "cell"}: ${text}`);
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
