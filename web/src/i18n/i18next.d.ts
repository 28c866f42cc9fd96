import "i18next";
import type { en } from "./catalog-en.ts";

/** Typed keys: `t("blotter.title")` is checked against the English source catalog. */
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
