import { test, expect, users } from "../../fixtures/index.ts";
import { LanguageSwitch } from "../../components/language-switch.ts";
import { logIn } from "../../flows/login.ts";

/** A stock price as each language writes it: `1.234,56` (pt-BR) and `1,234.56` (en). */
const PT_PRICE = /^\d{1,3}(\.\d{3})*,\d{2}$/;
const EN_PRICE = /^\d{1,3}(,\d{3})*\.\d{2}$/;

test("Português: labels and numbers switch in place, survive a reload, and stay with that user only", async ({
  dashboard,
  loginPage,
  page,
}) => {
  // Two users, a reload and a second login: three cold dashboard loads, more than the default 30 s on a loaded CI box.
  test.slow();
  const language = new LanguageSwitch(page);
  await dashboard.open();
  await expect(language.select).toHaveValue("en");
  expect(await language.lang()).toBe("en");
  await expect(language.lastPrice("PETR4:B")).toHaveText(EN_PRICE, { timeout: 10_000 });

  await language.choose("Português");
  await expect(language.logOutButton).toHaveText("Sair");
  await expect(language.statusStrip("pt-BR")).toContainText("Latência");
  await expect(language.lastPrice("PETR4:B")).toHaveText(PT_PRICE);
  expect(await language.lang()).toBe("pt-BR");
  await expect.poll(() => language.saved()).toBe("pt-BR");

  await page.reload();
  await expect(language.select).toHaveValue("pt-BR");
  await expect(language.logOutButton).toHaveText("Sair");
  await expect(language.lastPrice("PETR4:B")).toHaveText(PT_PRICE, { timeout: 10_000 });

  // Another user in the same browser keeps the browser's language (English here).
  await language.logOutButton.click();
  await logIn(page, users.risk);
  await expect(language.select).toHaveValue("en");
  await expect(language.logOutButton).toHaveText("Log out");
  await expect(language.statusStrip("en")).toBeVisible();
  expect(await language.lang()).toBe("en");

  // The first user logs back in: their choice came with them. (Ending as them also lets the fixture reset their
  // workspace with their own session.)
  await language.logOutButton.click();
  await loginPage.logIn(users.trader.username, users.trader.password);
  await expect(language.select).toHaveValue("pt-BR", { timeout: 10_000 });
  await expect(language.logOutButton).toHaveText("Sair");
});

test.describe("in a Portuguese browser", () => {
  test.use({ locale: "pt-BR" });

  test("a fresh user gets pt-BR by default, from the login page on", async ({ page }) => {
    const language = new LanguageSwitch(page);
    await page.goto("/login");
    await expect(language.loginFormPt.form).toBeVisible();
    expect(await language.lang()).toBe("pt-BR");
    await language.loginFormPt.username.fill(users.trader.username);
    await language.loginFormPt.password.fill(users.trader.password);
    await language.loginFormPt.submit.click();
    await expect(language.select).toHaveValue("pt-BR", { timeout: 10_000 });
    await expect(language.logOutButton).toHaveText("Sair");
    await expect(language.lastPrice("PETR4:B")).toHaveText(PT_PRICE, { timeout: 10_000 });
    // Nothing saved: the default follows the browser until the user chooses.
    expect(await language.saved()).toBeUndefined();
  });
});
