import { describe, expect, it } from "vitest";
import { isHealthyCode, profitDllRows } from "./feed-labels.ts";

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
