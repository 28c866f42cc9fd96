import type { Locator, Page } from "@playwright/test";

export type LocaleTag = "en" | "pt-BR";

/**
 * The user menu's language select ("English" / "Português", web/src/i18n/language-select.tsx) and what the page shows
 * in each language: `<html lang>`, the header's words, a price. Locators accept both languages where the name itself
 * is translated (the menu is "User" / "Usuário").
 */
export class LanguageSwitch {
  readonly menu: Locator;
  readonly select: Locator;
  readonly logOutButton: Locator;
  /** The header's status strip, named in the active language. */
  readonly statusStrip: (locale: LocaleTag) => Locator;
  /** The login form in Portuguese (a pt-BR browser before anyone logs in). */
  readonly loginFormPt: { form: Locator; username: Locator; password: Locator; submit: Locator };

  constructor(private readonly page: Page) {
    this.menu = page.getByRole("group", { name: /^(User|Usuário)$/ });
    this.select = this.menu.getByRole("combobox", { name: /^(Language|Idioma)$/ });
    this.logOutButton = this.menu.getByRole("button", { name: /^(Log out|Sair)$/ });
    this.statusStrip = (locale) =>
      page.getByRole("group", { name: locale === "pt-BR" ? "Status do operador" : "Trader status" });
    const form = page.getByRole("form", { name: "Entrar" });
    this.loginFormPt = {
      form,
      username: form.getByLabel("Usuário"),
      password: form.getByLabel("Senha"),
      submit: form.getByRole("button", { name: "Entrar", exact: true }),
    };
  }

  /** A watchlist row's last price (found by test id: the panel's region name is translated too). */
  lastPrice(asset: string): Locator {
    return this.page.getByTestId(`last-${asset}`).first();
  }

  async choose(label: "English" | "Português"): Promise<void> {
    await this.select.selectOption({ label });
  }

  /** `<html lang>`: set from the active language. */
  lang(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  /** `preferences.locale` as the server has it saved (for waiting on the debounced save before a reload). */
  async saved(): Promise<string | undefined> {
    const res = await this.page.context().request.get("/api/v1/workspace", { timeout: 10_000 });
    const ws = (await res.json()) as { preferences?: { locale?: string } };
    return ws.preferences?.locale;
  }
}
