import { test, expect } from "../../fixtures/index.ts";
import { ThemeSwitch } from "../../components/theme-switch.ts";
import { attachScreenshot } from "../../components/screenshot.ts";

// Page backgrounds (--bg) of each theme, as getComputedStyle reports them.
const LIGHT_BG = "rgb(243, 245, 248)";
const DARK_BG = "rgb(11, 14, 17)";

test.describe("with the OS in light mode", () => {
  test.use({ colorScheme: "light" });

  test("the theme follows the OS by default, live; Dark overrides it and survives a reload", async ({
    dashboard,
    page,
  }) => {
    test.slow(); // two full loads of the dashboard (the reload) in one test
    const theme = new ThemeSwitch(page);
    await dashboard.open();
    await expect(theme.select).toHaveValue("system");
    await expect.poll(() => theme.applied()).toBe("light");
    expect(await theme.background()).toBe(LIGHT_BG);

    // "System" follows the OS while the page is open.
    await page.emulateMedia({ colorScheme: "dark" });
    await expect.poll(() => theme.applied()).toBe("dark");
    await page.emulateMedia({ colorScheme: "light" });
    await expect.poll(() => theme.applied()).toBe("light");

    await theme.choose("Dark");
    await expect.poll(() => theme.applied()).toBe("dark");
    expect(await theme.background()).toBe(DARK_BG);
    await expect.poll(() => theme.saved()).toBe("dark");

    await page.reload();
    await expect(theme.select).toHaveValue("dark");
    await expect.poll(() => theme.applied()).toBe("dark");
    expect(await theme.background()).toBe(DARK_BG);
  });

  test("the login page follows the OS", async ({ loginPage, page }) => {
    await page.goto("/login");
    await expect(loginPage.form).toBeVisible();
    await expect.poll(() => new ThemeSwitch(page).applied()).toBe("light");
  });
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(
    `trader screenshots in both themes at ${viewport.width}×${viewport.height}`,
    { tag: "@visual" },
    async ({ dashboard, page }) => {
      test.slow(); // waits for every panel's first data, then two themes' screenshots
      await page.setViewportSize(viewport);
      const theme = new ThemeSwitch(page);
      await dashboard.open();
      // Instruments and the first quotes can take a while on a loaded machine: screenshots of an empty list say little.
      await expect(dashboard.watchlist.lastPrice("PETR4:B")).not.toHaveText("—", { timeout: 15_000 });
      for (const [label, name] of [
        ["Light", "light"],
        ["Dark", "dark"],
      ] as const) {
        await theme.choose(label);
        await expect.poll(() => theme.applied()).toBe(name);
        await attachScreenshot(page, `trader-${name}-${viewport.width}x${viewport.height}`);
      }
    },
  );
}
