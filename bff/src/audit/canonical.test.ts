import { describe, expect, it } from "vitest";
import { canonicalJson, chainHash } from "./canonical.ts";
import { GENESIS } from "./migration.ts";
import type { PendingAuditRow } from "./schema.ts";

const row: PendingAuditRow = {
  id: "7d4b1a3e-58a1-4f0e-9b7e-3f7a1c2d9e10",
  at: "2026-12-04T10:00:00.000Z",
  event: "order.submit.success",
  outcome: "success",
  user: "trader",
  ip: "10.0.0.1",
  requestId: "r1",
  asset: "PETR4:B",
  orderId: "o1",
  reason: null,
  details: { side: "buy", account: { brokerId: 1, accountId: "A" } },
};

describe("canonical JSON and the chain hash", () => {
  it("does not depend on key order (jsonb reorders keys), at any depth", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const reordered = { ...row, details: { account: { accountId: "A", brokerId: 1 }, side: "buy" } };
    expect(chainHash(GENESIS, reordered, 1)).toBe(chainHash(GENESIS, row, 1));
  });

  it("changes with every field, the seq and the previous hash", () => {
    const base = chainHash(GENESIS, row, 1);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(GENESIS, row, 2)).not.toBe(base);
    expect(chainHash("f".repeat(64), row, 1)).not.toBe(base);
    for (const [k, v] of Object.entries({
      at: "2026-12-04T10:00:00.001Z",
      user: "risk",
      asset: null,
      reason: "x",
    }))
      expect(chainHash(GENESIS, { ...row, [k]: v }, 1)).not.toBe(base);
    expect(
      chainHash(GENESIS, { ...row, details: { side: "sell", account: row.details!.account } }, 1),
    ).not.toBe(base);
  });
});
