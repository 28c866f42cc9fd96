import { describe, expect, it } from "vitest";
import {
  EMPTY_DRAFT,
  filterFieldOf,
  localInputToIso,
  parseFilters,
  type FilterDraft,
} from "./audit-filters.ts";
import { auditQueryParams } from "./api.ts";

const draft = (over: Partial<FilterDraft>): FilterDraft => ({ ...EMPTY_DRAFT, ...over });

describe("audit filters", () => {
  it("reads datetime-local text in the browser's zone as ISO UTC, and refuses anything else", () => {
    const local = new Date(2026, 11, 3, 14, 5, 9); // the same wall clock, whatever zone the test runs in
    expect(localInputToIso("2026-12-03T14:05:09")).toBe(local.toISOString());
    expect(localInputToIso("2026-12-03T14:05")).toBe(new Date(2026, 11, 3, 14, 5).toISOString());
    for (const bad of ["", "2026-12-03", "14:05", "2026-13-45T99:99", "yesterday", "2026-12-03T14:05Z"])
      expect(localInputToIso(bad), bad).toBeNull();
  });

  it("turns the form into the contract's filter: blanks dropped, text trimmed, asset upper-cased", () => {
    const r = parseFilters(
      draft({
        user: "  trader ",
        action: "order",
        asset: "petr4:b",
        orderId: "ORD-1",
        from: "2026-12-03T10:00",
      }),
    );
    expect(r).toEqual({
      ok: true,
      filter: {
        user: "trader",
        action: "order",
        asset: "PETR4:B",
        orderId: "ORD-1",
        from: new Date(2026, 11, 3, 10, 0).toISOString(),
      },
    });
    expect(parseFilters(EMPTY_DRAFT)).toEqual({ ok: true, filter: {} });
  });

  it("refuses what the BFF would, naming each field: lengths from the contract, bad times, an empty range", () => {
    const r = parseFilters(
      draft({
        user: "u".repeat(129),
        action: "a".repeat(65),
        asset: "A".repeat(33),
        orderId: "o".repeat(129),
        from: "2026-12-03T10:00",
        to: "2026-12-03T10:00",
      }),
    );
    expect(r).toEqual({
      ok: false,
      errors: {
        user: { kind: "tooLong", max: 128 },
        action: { kind: "tooLong", max: 64 },
        asset: { kind: "tooLong", max: 32 },
        orderId: { kind: "tooLong", max: 128 },
        to: { kind: "toNotAfterFrom" },
      },
    });
    expect(parseFilters(draft({ user: "u".repeat(128), from: "12/03/2026" }))).toEqual({
      ok: false,
      errors: { from: { kind: "badTime" } },
    });
  });

  it("sends only the filters that are set, as strings", () => {
    expect(auditQueryParams({ user: "risk", action: undefined, asset: "VALE3:B" })).toEqual({
      user: "risk",
      asset: "VALE3:B",
    });
  });

  it("maps a BFF validation error's field to the form's field", () => {
    expect(filterFieldOf("orderId")).toBe("orderId");
    expect(filterFieldOf("limit")).toBeNull();
    expect(filterFieldOf(undefined)).toBeNull();
  });
});
