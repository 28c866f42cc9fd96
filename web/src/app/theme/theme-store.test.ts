import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resolveTheme, type ThemePreference } from "./resolve-theme.ts";
import { followTheme, startTheme, useThemeStore } from "./theme-store.ts";

describe("resolveTheme (preference × OS)", () => {
  const cases: [ThemePreference | undefined, boolean, "light" | "dark"][] = [
    ["system", true, "light"],
    ["system", false, "dark"],
    [undefined, true, "light"],
    [undefined, false, "dark"],
    ["light", false, "light"],
    ["light", true, "light"],
    ["dark", true, "dark"],
    ["dark", false, "dark"],
  ];
  it.each(cases)("%s with the OS preferring light=%s → %s", (pref, osLight, theme) => {
    expect(resolveTheme(pref, osLight)).toBe(theme);
  });
});

/** A matchMedia whose `(prefers-color-scheme: light)` answer the test flips, firing `change` like a browser. */
function fakeOsScheme(initialLight: boolean) {
  let matches = initialLight;
  const listeners = new Set<(e: MediaQueryListEvent) => void>();
  const list = {
    get matches() {
      return matches;
    },
    media: "(prefers-color-scheme: light)",
    addEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => listeners.add(l),
    removeEventListener: (_: string, l: (e: MediaQueryListEvent) => void) => listeners.delete(l),
  };
  vi.spyOn(window, "matchMedia").mockImplementation(() => list as unknown as MediaQueryList);
  return {
    listeners,
    set(light: boolean) {
      matches = light;
      for (const l of listeners) l({ matches: light } as MediaQueryListEvent);
    },
  };
}

describe("startTheme", () => {
  let stop: () => void = () => undefined;
  const root = document.documentElement;
  beforeEach(() => useThemeStore.setState({ preference: "system", osPrefersLight: false }));
  afterEach(() => {
    stop();
    vi.restoreAllMocks();
    delete root.dataset.theme;
    root.style.colorScheme = "";
  });

  it("applies the OS's theme at once and follows it live while the preference is system", () => {
    const os = fakeOsScheme(true);
    stop = startTheme(root);
    expect(root.dataset.theme).toBe("light");
    expect(root.style.colorScheme).toBe("light");
    os.set(false);
    expect(root.dataset.theme).toBe("dark");
    expect(root.style.colorScheme).toBe("dark");
  });

  it("an explicit preference overrides the OS, and system hands control back", () => {
    const os = fakeOsScheme(true);
    stop = startTheme(root);
    useThemeStore.getState().setPreference("dark");
    expect(root.dataset.theme).toBe("dark");
    os.set(true);
    expect(root.dataset.theme).toBe("dark");
    useThemeStore.getState().setPreference("system");
    expect(root.dataset.theme).toBe("light");
  });

  it("a pop-out window's <html> follows the page's theme while followed", () => {
    fakeOsScheme(false);
    stop = startTheme(root);
    const popout = document.implementation.createHTMLDocument("pop-out").documentElement;
    const unfollow = followTheme(popout);
    expect(popout.dataset.theme).toBe("dark");
    useThemeStore.getState().setPreference("light");
    expect(popout.dataset.theme).toBe("light");
    unfollow();
    useThemeStore.getState().setPreference("dark");
    expect(popout.dataset.theme).toBe("light");
  });

  it("stops listening to the OS when stopped", () => {
    const os = fakeOsScheme(false);
    stop = startTheme(root);
    stop();
    expect(os.listeners.size).toBe(0);
  });
});
