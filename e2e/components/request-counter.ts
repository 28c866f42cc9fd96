import type { Page } from "@playwright/test";

/**
 * Counts the page's requests matching a method and path (e.g. order submits), from Playwright's network events: proof
 * that a cancelled confirmation sent nothing, whatever the UI says.
 */
export function countRequests(page: Page, method: string, path: string): { count(): number } {
  let n = 0;
  page.on("request", (req) => {
    if (req.method() === method && new URL(req.url()).pathname === path) n++;
  });
  return { count: () => n };
}
