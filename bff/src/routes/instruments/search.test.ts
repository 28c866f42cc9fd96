import { describe, expect, it } from "vitest";
import { loadInstruments } from "@pregao/sim";
import { buildIndex, searchPage } from "./search.ts";

/** The simulator's own catalog: what a user of today's build searches (the user test's "WIN" and "vale"). */
const index = buildIndex(loadInstruments().map((i) => i.info));
const assets = (q: string, limit = 5) => searchPage(index, q, limit).instruments.map((i) => i.asset);

describe("instrument search over the sim's catalog", () => {
  it("finds the mini index future by its root and a stock in lower case", () => {
    expect(assets("WIN")).toEqual(["WINZ26:F"]);
    expect(assets("win")).toEqual(["WINZ26:F"]);
    expect(assets("vale")[0]).toBe("VALE3:B");
  });

  it("finds by company name (the description; ProfitDLL's name is the ticker)", () => {
    expect(assets("petrobras")).toEqual(expect.arrayContaining(["PETR3:B", "PETR4:B"]));
    expect(assets("mini ibovespa")).toEqual(["WINZ26:F"]);
  });

  it("answers an unknown query with an empty page", () => {
    expect(searchPage(index, "zzzz", 5)).toEqual({ instruments: [], nextCursor: null });
  });
});
