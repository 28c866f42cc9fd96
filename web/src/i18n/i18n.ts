import { createInstance, type ParseKeys } from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "./catalog-en.ts";
import { ptBR } from "./catalog-pt-br.ts";
import { INTL_TAG, LOCALES, navigatorLanguages, resolveLocale, type Locale } from "./locale.ts";

/**
 * The app's one i18next instance, initialised synchronously with both catalogs bundled (they are small; no backend,
 * no flash of keys). The language starts as the browser's; signed in, the workspace's `preferences.locale` wins
 * (use-workspace-locale.ts).
 */
export const i18n = createInstance();
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, "pt-BR": { translation: ptBR } },
  lng: resolveLocale(undefined, navigatorLanguages()),
  fallbackLng: "en",
  supportedLngs: [...LOCALES],
  defaultNS: "translation",
  initAsync: false,
  // React escapes; i18next must not escape again ("R$ 1.234,56" would become entity soup).
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The active UI language (one of ours, never a raw browser tag). */
export function activeLocale(): Locale {
  return i18n.language === "pt-BR" ? "pt-BR" : "en";
}

/** The Intl tag numbers and dates use for the active language. */
export function activeIntlTag(): string {
  return INTL_TAG[activeLocale()];
}

function setDocumentLang(lng: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = lng === "pt-BR" ? "pt-BR" : "en";
}
setDocumentLang(i18n.language);
i18n.on("languageChanged", setDocumentLang);

/** Switch the UI language (no reload: components using `useT` re-render). */
export function setLocale(locale: Locale): void {
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

/** `t` for code outside components (called while rendering, so it follows the language). */
export const t = i18n.t.bind(i18n);

/** Any key of the catalog (for tables of keys). */
export type TKey = ParseKeys<"translation">;
/** `t` for a key held in a variable (tables of labels); typed by TKey, no interpolation. */
export const tKey = (key: TKey): string => (i18n.t as (k: string) => string)(key);
