import { useEffect } from "react";
import { useWorkspace } from "../lib/workspace.ts";
import { setLocale } from "./i18n.ts";
import { navigatorLanguages, resolveLocale, type Locale } from "./locale.ts";

/**
 * Signed in: the UI speaks the workspace's `preferences.locale` when the user chose one, else the browser's language.
 * Mount it only with a session; on unmount (log out) the UI goes back to the browser's language, so the next user in
 * this browser does not inherit this one's choice. Returns the locale and `choose` (saved to the workspace).
 */
export function useWorkspaceLocale(): { locale: Locale; choose(locale: Locale): void } {
  const { workspace, edit } = useWorkspace();
  const saved = workspace?.preferences.locale;
  const locale = resolveLocale(saved, navigatorLanguages());
  useEffect(() => {
    setLocale(locale);
  }, [locale]);
  useEffect(() => () => setLocale(resolveLocale(undefined, navigatorLanguages())), []);
  const choose = (next: Locale) => {
    setLocale(next); // at once, before the debounced save
    edit((ws) => ({ ...ws, preferences: { ...ws.preferences, locale: next } }));
  };
  return { locale, choose };
}
