/** The UI languages. The workspace stores the same tags (`preferences.locale`). */
export const LOCALES = ["en", "pt-BR"] as const;
export type Locale = (typeof LOCALES)[number];

/** The Intl tag each locale formats with (numbers, money, dates). */
export const INTL_TAG: Record<Locale, string> = { en: "en-US", "pt-BR": "pt-BR" };

/**
 * The browser's preference, in its order: the first of `navigator.languages` we speak wins — any Portuguese
 * (`pt`, `pt-BR`, `pt-PT`) → pt-BR, any English → en; none of them → en.
 */
export function browserLocale(languages: readonly string[] | undefined): Locale {
  for (const tag of languages ?? []) {
    if (/^pt(-|$)/i.test(tag)) return "pt-BR";
    if (/^en(-|$)/i.test(tag)) return "en";
  }
  return "en";
}

/** The user's saved choice when there is one, else the browser's. */
export function resolveLocale(saved: Locale | undefined, languages: readonly string[] | undefined): Locale {
  return saved ?? browserLocale(languages);
}

/** `navigator.languages` where there is a navigator (browsers, jsdom); none in node. */
export function navigatorLanguages(): readonly string[] | undefined {
  if (typeof navigator === "undefined") return undefined;
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}
