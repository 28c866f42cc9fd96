import { describe, expect, it } from "vitest";
import { errorCodeSchema } from "@pregao/contracts";
import { en } from "./catalog-en.ts";
import { ptBR } from "./catalog-pt-br.ts";

/** Every leaf key path of a catalog: `blotter.tabs.working`, … */
function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}
/** `{{name}}` placeholders of a message. */
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
const leaf = (obj: object, path: string) =>
  path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;

describe("catalogs", () => {
  it("pt-BR has exactly the English keys", () => {
    expect(keys(ptBR).sort()).toEqual(keys(en).sort());
  });

  it("every translation keeps the source's placeholders and is not empty", () => {
    for (const k of keys(en)) {
      expect(placeholders(leaf(ptBR, k)), k).toEqual(placeholders(leaf(en, k)));
      expect(leaf(ptBR, k).length, k).toBeGreaterThan(0);
    }
  });

  it("every ErrorCode has a message in both languages", () => {
    for (const code of errorCodeSchema.options) {
      expect(en.errors[code], code).toBeTruthy();
      expect(ptBR.errors[code], code).toBeTruthy();
    }
  });
});
