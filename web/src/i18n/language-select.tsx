import { LOCALES, type Locale } from "./locale.ts";
import { useT } from "./use-t.ts";
import { useWorkspaceLocale } from "./use-workspace-locale.ts";

/**
 * The language switch of the user menu: "English" / "Português", each named in its own language. Saved per user in
 * the workspace; the UI re-renders in place (no reload). E2E: getByRole("combobox", { name: "Language" }).
 */
export function LanguageSelect() {
  const t = useT();
  const { locale, choose } = useWorkspaceLocale();
  return (
    <select
      className="select language-select"
      aria-label={t("common.language")}
      value={locale}
      onChange={(e) => choose(e.target.value as Locale)}
    >
      {LOCALES.map((l) => (
        <option key={l} value={l} lang={l}>
          {t(`languageNames.${l}`)}
        </option>
      ))}
    </select>
  );
}
