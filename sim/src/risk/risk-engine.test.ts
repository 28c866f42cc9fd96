import { riskCheckRecordSchema } from "@pregao/contracts";
import { describe, expect, it } from "vitest";
import { clockIn, RiskEngine } from "./risk-engine.ts";

const base = {
  orderId: "ORD-1",
  asset: "PETR4:B",
  signedQuantity: 100,
  currentPosition: 0,
  currentDailyLoss: 0,
};
// 2026-03-02 15:00 UTC = 12:00 in São Paulo (UTC−3); 22:00 UTC = 19:00.
const noon = Date.UTC(2026, 2, 2, 15, 0);
const evening = Date.UTC(2026, 2, 2, 22, 0);

describe("RiskEngine", () => {
  it("approves and records every check as passed", () => {
    const r = new RiskEngine(() => noon);
    const rec = r.check(base);
    expect(riskCheckRecordSchema.parse(rec)).toEqual({
      timestamp: noon,
      orderId: "ORD-1",
      checks: {
        tradingHours: "passed",
        killSwitch: "passed",
        dailyLossLimit: "passed",
        positionSizeLimit: "passed",
      },
      result: "approved",
    });
  });

  it("rejects outside trading hours in America/Sao_Paulo, the rest skipped", () => {
    expect(clockIn("America/Sao_Paulo", noon)).toBe("12:00");
    const r = new RiskEngine(() => evening, { alwaysOpen: false });
    const rec = r.check(base);
    expect(rec.result).toBe("rejected");
    expect(rec.checks).toEqual({
      tradingHours: "failed",
      killSwitch: "skipped",
      dailyLossLimit: "skipped",
      positionSizeLimit: "skipped",
    });
    expect(new RiskEngine(() => noon, { alwaysOpen: false }).check(base).result).toBe("approved");
  });

  it("rejects while the kill switch is active, with its reason", () => {
    const r = new RiskEngine(() => noon);
    expect(r.activate("Market volatility spike", "u-risk")).toBe(true);
    expect(r.activate("again", "u-risk")).toBe(false);
    const rec = r.check(base);
    expect(rec.reason).toBe("Kill switch active: Market volatility spike");
    expect(rec.checks.dailyLossLimit).toBe("skipped");
    r.deactivate();
    expect(r.check(base).result).toBe("approved");
  });

  it("rejects at or over the daily loss limit", () => {
    const r = new RiskEngine(() => noon);
    expect(r.check({ ...base, currentDailyLoss: 4999 }).result).toBe("approved");
    expect(r.check({ ...base, currentDailyLoss: 5250 }).reason).toBe(
      "Daily loss limit exceeded: R$5,250 / R$5,000",
    );
  });

  it("rejects a resulting position over the symbol's limit, either side", () => {
    const r = new RiskEngine(() => noon);
    expect(r.check({ ...base, currentPosition: 1000, signedQuantity: 100 }).reason).toBe(
      "Position limit exceeded: PETR4 1,100 / 1,000",
    );
    expect(r.check({ ...base, currentPosition: 1000, signedQuantity: -100 }).result).toBe("approved");
    expect(r.check({ ...base, asset: "VALE3:B", signedQuantity: -600 }).reason).toMatch(/VALE3 600 \/ 500/);
    expect(r.check({ ...base, asset: "ITUB4:B", signedQuantity: 10_000 }).result).toBe("approved");
    r.update({ maxPositionSize: { "ITUB4:B": 100 } }, "u-risk");
    expect(r.check({ ...base, asset: "ITUB4:B", signedQuantity: 200 }).result).toBe("rejected");
    expect(r.recent(2)).toHaveLength(2);
  });

  it("a null per-asset limit removes it (the default applies again); other assets keep theirs", () => {
    const r = new RiskEngine(() => noon);
    r.update({ maxPositionSize: { "PETR4:B": null, "ITUB4:B": 100 } }, "u-risk");
    expect(r.limits(0).maxPositionSize).toEqual({
      "VALE3:B": 500,
      "WINZ26:F": 100,
      "WDOZ26:F": 100,
      "ITUB4:B": 100,
    });
    expect(r.check({ ...base, currentPosition: 1000, signedQuantity: 100 }).result).toBe("approved");
  });
});
