import type { Locator, Page } from "@playwright/test";

export type ThemeName = "light" | "dark";

/**
 * The user menu's theme select (System / Light / Dark) and the theme the page shows: `<html data-theme>` and the
 * page background the tokens give it.
 */
export class ThemeSwitch {
  readonly select: Locator;
  constructor(private readonly page: Page) {
    this.select = page.getByRole("group", { name: "User" }).getByRole("combobox", { name: "Theme" });
  }

  async choose(label: "System" | "Light" | "Dark"): Promise<void> {
    await this.select.selectOption({ label });
  }

  /** `<html data-theme>`: what theme.css paints with. */
  applied(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme);
  }

  /** The body's computed background colour (proves the tokens switched, not just the attribute). */
  background(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  /** `preferences.theme` as the server has it saved (for waiting on the debounced save before a reload). */
  async saved(): Promise<string | undefined> {
    const res = await this.page.context().request.get("/api/v1/workspace", { timeout: 10_000 });
    const ws = (await res.json()) as { preferences?: { theme?: string } };
    return ws.preferences?.theme;
  }
}
