import { create } from "zustand";
import { PREFERS_LIGHT_QUERY, resolveTheme, type Theme, type ThemePreference } from "./resolve-theme.ts";

interface ThemeState {
  preference: ThemePreference;
  osPrefersLight: boolean;
  setPreference(preference: ThemePreference): void;
}

/** The preference in force (the workspace's once a session has one; "system" on the login page) and the OS's. */
export const useThemeStore = create<ThemeState>()((set) => ({
  preference: "system",
  osPrefersLight: false,
  setPreference: (preference) => set({ preference }),
}));

/** The theme the page shows now. */
export const useResolvedTheme = (): Theme =>
  useThemeStore((s) => resolveTheme(s.preference, s.osPrefersLight));

/** Sets `<html data-theme>` (the tokens in theme.css) and `color-scheme` (native controls, scrollbars). */
export function applyTheme(root: HTMLElement, theme: Theme): void {
  if (root.dataset.theme !== theme) root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

/**
 * Keeps `root` (an `<html>`) in the page's theme from now on: the main document's, or a pop-out window's (dockview
 * copies the stylesheets into it, but not the `data-theme` they key on). Returns the stop function.
 */
export function followTheme(root: HTMLElement): () => void {
  const apply = (s: ThemeState) => applyTheme(root, resolveTheme(s.preference, s.osPrefersLight));
  apply(useThemeStore.getState());
  return useThemeStore.subscribe(apply);
}

/**
 * Follows the OS (matchMedia `change`, live) and keeps `<html>` in step with the store. Call once before the first
 * render so the login page already has the OS's theme. Returns the stop function.
 */
export function startTheme(root: HTMLElement = document.documentElement): () => void {
  const media = window.matchMedia(PREFERS_LIGHT_QUERY);
  const onOsChange = (e: MediaQueryListEvent) => useThemeStore.setState({ osPrefersLight: e.matches });
  useThemeStore.setState({ osPrefersLight: media.matches });
  const stopFollowing = followTheme(root);
  media.addEventListener("change", onOsChange);
  return () => {
    media.removeEventListener("change", onOsChange);
    stopFollowing();
  };
}
