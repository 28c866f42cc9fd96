import { describe, expect, it } from "vitest";
import { browserLocale, resolveLocale } from "./locale.ts";

describe("locale resolution", () => {
  it("takes the first browser language we speak", () => {
    expect(browserLocale(["pt-BR", "en-US"])).toBe("pt-BR");
    expect(browserLocale(["pt-PT"])).toBe("pt-BR");
    expect(browserLocale(["pt"])).toBe("pt-BR");
    expect(browserLocale(["en-GB", "pt-BR"])).toBe("en");
    expect(browserLocale(["de-DE", "pt-BR"])).toBe("pt-BR");
  });

  it("falls back to English", () => {
    expect(browserLocale(["de-DE", "fr"])).toBe("en");
    expect(browserLocale([])).toBe("en");
    expect(browserLocale(undefined)).toBe("en");
    expect(browserLocale(["ptx"])).toBe("en");
  });

  it("prefers the user's saved choice over the browser", () => {
    expect(resolveLocale("en", ["pt-BR"])).toBe("en");
    expect(resolveLocale("pt-BR", ["en-US"])).toBe("pt-BR");
    expect(resolveLocale(undefined, ["pt-BR"])).toBe("pt-BR");
  });
});
