import { useTranslation } from "react-i18next";
import { i18n } from "./i18n.ts";

/** `t` bound to the app's instance; the component re-renders when the language changes. */
export function useT() {
  return useTranslation("translation", { i18n }).t;
}

/** The active language, re-rendering on change (for components that only format numbers and dates). */
export function useLocale() {
  return useTranslation("translation", { i18n }).i18n.language === "pt-BR" ? "pt-BR" : "en";
}
