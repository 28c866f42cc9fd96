import { useEffect, type ChangeEvent } from "react";
import { useT } from "../../i18n/use-t.ts";
import { useWorkspace } from "../../lib/workspace.ts";
import { THEME_PREFERENCES, type ThemePreference } from "./resolve-theme.ts";
import { useThemeStore } from "./theme-store.ts";

const isPreference = (v: string): v is ThemePreference =>
  (THEME_PREFERENCES as readonly string[]).includes(v);

/**
 * The theme switch (System / Light / Dark), saved in the workspace's `preferences.theme`. While mounted (the session's
 * header) the workspace's preference is in force; unmounting (log out) returns to the OS's theme, as on the login page.
 * E2E: getByRole("combobox", { name: "Theme" }).
 */
export function ThemeSelect() {
  const t = useT();
  const { workspace, edit } = useWorkspace();
  const preference = workspace?.preferences.theme ?? "system";
  useEffect(() => {
    useThemeStore.getState().setPreference(preference);
  }, [preference]);
  useEffect(() => () => useThemeStore.getState().setPreference("system"), []);

  const onChange = (e: ChangeEvent<HTMLSelectElement>) => {
    const theme = e.target.value;
    if (!isPreference(theme)) return;
    edit((ws) => ({ ...ws, preferences: { ...ws.preferences, theme } }));
  };
  return (
    <select
      className="select theme-select"
      aria-label={t("theme.label")}
      value={preference}
      onChange={onChange}
      disabled={!workspace}
    >
      {THEME_PREFERENCES.map((p) => (
        <option key={p} value={p}>
          {t(`theme.${p}`)}
        </option>
      ))}
    </select>
  );
}
