import { describe, expect, it } from "vitest";
import { toAuditRecord } from "../security/audit.ts";
import { toPendingRow } from "./row.ts";

const at = new Date("2026-12-04T10:00:00.000Z");

describe("toPendingRow (an audit line → a chain row)", () => {
  it("gives an order's asset and id their columns and keeps the rest in details", () => {
    const line = toAuditRecord({
      type: "order.submit.success",
      requestId: "req-1",
      user: "trader",
      userId: "demo-trader",
      ip: "10.0.0.1",
      method: "POST",
      path: "/api/v1/orders",
      asset: "PETR4:B",
      orderId: "o-1",
      side: "BUY",
    } as never);
    const row = toPendingRow(line, at, "7d4b1a3e-58a1-4f0e-9b7e-3f7a1c2d9e10");
    expect(row).toEqual({
      id: "7d4b1a3e-58a1-4f0e-9b7e-3f7a1c2d9e10",
      at: "2026-12-04T10:00:00.000Z",
      event: "order.submit.success",
      outcome: "success",
      user: "trader",
      ip: "10.0.0.1",
      requestId: "req-1",
      asset: "PETR4:B",
      orderId: "o-1",
      reason: null,
      details: { userId: "demo-trader", http: { method: "POST", path: "/api/v1/orders" }, side: "BUY" },
    });
  });

  it("puts the kill switch's stated reason in `reason`", () => {
    const line = toAuditRecord({
      type: "risk.kill_switch_activate.success",
      user: "risk",
      reason: "fat finger",
    });
    expect(toPendingRow(line, at)).toMatchObject({ reason: "fat finger", user: "risk", details: null });
  });

  it("stores what jsonb gives back: no NUL (PostgreSQL refuses it), no undefined, an unknown outcome as info", () => {
    const row = toPendingRow(
      {
        event: "login.failure\u0000",
        outcome: "weird",
        user: { id: "u9" },
        details: { ua: "a\u0000b", x: undefined },
      },
      at,
    );
    expect(row.event).toBe("login.failure\uFFFD");
    expect(row.outcome).toBe("info");
    expect(row.user).toBe("u9");
    expect(row.details).toEqual({ userId: "u9", ua: "a\uFFFDb" });
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
