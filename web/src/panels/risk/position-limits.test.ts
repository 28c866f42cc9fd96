import { describe, expect, it } from "vitest";
import { isHhmm, newRow, rowsFromLimits, validateRows, zoneLabel } from "./position-limits.ts";

describe("position limit rows", () => {
  it("round-trips the server's map, skipping blank rows and upper-casing assets", () => {
    const rows = rowsFromLimits({ "VALE3:B": 500, "PETR4:B": 1000 });
    expect(rows.map((r) => [r.asset, r.qty])).toEqual([
      ["PETR4:B", "1000"],
      ["VALE3:B", "500"],
    ]);
    expect(validateRows([...rows, newRow(), newRow("winz26:f", " 20 ")])).toEqual({
      ok: true,
      value: { "PETR4:B": 1000, "VALE3:B": 500, "WINZ26:F": 20 },
    });
  });

  it("names the row of every problem", () => {
    const r = validateRows([
      newRow("PETR4:B", "1000"),
      newRow("PETR4", "10"),
      newRow("VALE3:B", "1,5"),
      newRow("PETR4:B", "5"),
      newRow("", "7"),
    ]);
    expect(r.ok).toBe(false);
    expect({ ok: r.ok, errors: r.ok ? [] : r.errors.map((e) => e()) }).toEqual({
      ok: false,
      errors: [
        "Row 2 (PETR4): asset must be a ticker and exchange, e.g. PETR4:B or WINZ26:F",
        "Row 3 (VALE3:B): quantity must be a whole number from 1 to 10,000,000",
        "Row 4 (PETR4:B): PETR4:B is already in row 1",
        "Row 5: asset must be a ticker and exchange, e.g. PETR4:B or WINZ26:F",
      ],
    });
  });

  it("accepts only 24-hour HH:MM and labels B3's zone BRT", () => {
    expect(["10:00", "00:00", "23:59"].every(isHhmm)).toBe(true);
    expect(["10:00 AM", "24:00", "9:30", "10:60"].some(isHhmm)).toBe(false);
    expect(zoneLabel("America/Sao_Paulo")).toBe("BRT");
    expect(zoneLabel("UTC")).toBe("UTC");
  });
});
