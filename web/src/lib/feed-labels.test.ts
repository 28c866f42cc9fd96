import { describe, expect, it } from "vitest";
import { connStateKeys, connStateResults } from "@pregao/contracts";
import { setLocale } from "../i18n/i18n.ts";
import { describeCode, everyResultHasALabel, isHealthyCode, profitDllRows } from "./feed-labels.ts";

const row = (key: string) => profitDllRows.find((r) => r.key === key)!;

describe("ProfitDLL state health", () => {
  it("treats routing 2 (routing server) and 5 (broker) as up, like the BFF's health check", () => {
    expect(isHealthyCode(row("routing"), 2)).toBe(true);
    expect(isHealthyCode(row("routing"), 5)).toBe(true);
    expect(isHealthyCode(row("routing"), 3)).toBe(false);
    expect(isHealthyCode(row("routing"), 0)).toBe(false);
  });

  it("flags anything but the connected code for market data, and nothing before a report", () => {
    expect(isHealthyCode(row("marketData"), 4)).toBe(true);
    expect(isHealthyCode(row("marketData"), 2)).toBe(false);
    expect(isHealthyCode(row("marketData"), null)).toBe(true);
  });
});

describe("ProfitDLL state labels", () => {
  it("has one row per contracts connection, in nConnStateType order", () => {
    expect(profitDllRows.map((r) => r.key)).toEqual(connStateKeys);
    expect(everyResultHasALabel).toBe(true);
  });

  it("words every code the contracts name, in both languages (never the raw catalog key)", () => {
    for (const locale of ["en", "pt-BR"] as const) {
      setLocale(locale);
      for (const r of profitDllRows) {
        expect(Object.keys(r.names)).toEqual(Object.keys(connStateResults[r.key]));
        for (const name of Object.values(r.names)) expect(name).not.toMatch(/^feed\./);
        expect(r.label).not.toMatch(/^feed\./);
      }
    }
    setLocale("en");
  });

  it("describes a code by its word, an unnamed code as unknown, and no report as such", () => {
    setLocale("en");
    expect(describeCode(row("routing").names, 5)).toBe("Broker connected (5)");
    expect(describeCode(row("login").names, 200)).toBe("Unknown error (200)");
    expect(describeCode(row("routing").names, 42)).toBe("Unknown (42)");
    expect(describeCode(row("activation").names, null)).toBe("No report yet");
  });
});
