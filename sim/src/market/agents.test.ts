import { B3_AGENTS } from "@pregao/contracts";
import { describe, expect, it } from "vitest";
import { ACCT, ACCT2 } from "../orders/order-fixture.ts";
import { AGENTS } from "./instruments-data.ts";

describe("the sim's agents", () => {
  it("are all in contracts' B3 table (one definition of the names), under the table's names", () => {
    const codes = [...AGENTS.map((a) => a[0]), ACCT.brokerId, ACCT2.brokerId];
    expect(codes.filter((c) => !B3_AGENTS.has(c))).toEqual([]);
    for (const [code, name] of AGENTS) expect(name).toBe(B3_AGENTS.get(code));
  });
});
