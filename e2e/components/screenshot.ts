import { test, type Page } from "@playwright/test";

/** A full-page PNG of the current screen, attached to the test (and kept in its output folder) for review. */
export async function attachScreenshot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  await test.info().attach(name, { path, contentType: "image/png" });
}
