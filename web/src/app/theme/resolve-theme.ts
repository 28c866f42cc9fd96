/** What the user chose (workspace `preferences.theme`); absent means "system". */
export type ThemePreference = "system" | "light" | "dark";
/** What the page shows: `<html data-theme>` and `color-scheme`. */
export type Theme = "light" | "dark";

export const THEME_PREFERENCES: readonly ThemePreference[] = ["system", "light", "dark"];

/** The OS's choice, as a media query (live: its `change` event fires when the OS switches). */
export const PREFERS_LIGHT_QUERY = "(prefers-color-scheme: light)";

/** The theme to show: the user's explicit choice wins; "system" (or nothing saved) follows the OS. */
export function resolveTheme(preference: ThemePreference | undefined, osPrefersLight: boolean): Theme {
  if (preference === "light" || preference === "dark") return preference;
  return osPrefersLight ? "light" : "dark";
}
