import { describe, expect, it } from "vitest";
import { healthResponseSchema, type FeedStatus } from "@pregao/contracts";
import { feedCheck, readinessOf } from "../../observability/health-checks.ts";
import { readinessBody } from "./readiness.ts";

const base = (over: Partial<FeedStatus> = {}): FeedStatus => ({
  link: { state: "live", since: 0 },
  breaker: { state: "closed", since: 0, lastError: null },
  profitDll: { login: 0, routing: 2, marketData: 4, activation: 0 },
  lastMessageAt: 1000,
  serverTime: 1000,
  staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
  ...over,
});

const body = (feed: FeedStatus, now: number) => {
  const checks = [feedCheck(feed, 500, "/runbooks", now)];
  return readinessBody(checks, readinessOf(checks), feed, now);
};

describe("readinessBody", () => {
  it("passes when live and healthy, with every feed check key", () => {
    const b = body(base(), 1100);
    expect(b.status).toBe("pass");
    expect(healthResponseSchema.parse(b)).toBeTruthy();
    expect(Object.keys(b.checks ?? {}).sort()).toEqual(
      [
        "feed",
        "feed:breaker",
        "profitdll:activation",
        "profitdll:login",
        "profitdll:marketData",
        "profitdll:routing",
      ].sort(),
    );
    expect(b.checks?.feed?.[0]).toMatchObject({
      observedValue: 100,
      observedUnit: "ms",
      componentType: "datastore",
    });
  });
  it("warns while down inside the window, fails beyond it, and says why", () => {
    const down = base({ link: { state: "down", since: 1000, reason: "ECONNREFUSED", retryAt: null } });
    expect(body(down, 1400).status).toBe("warn");
    const r = body(down, 1600);
    expect(r.status).toBe("fail");
    expect(r.checks?.feed?.[0]?.status).toBe("fail");
    expect(r.output).toContain("no feed message for 0.6 s");
    expect(r.output).toContain("link down: ECONNREFUSED");
  });
  it("fails when never connected", () => {
    const never = base({ link: { state: "connecting", since: 0, attempt: 1 }, lastMessageAt: null });
    expect(body(never, 0).status).toBe("fail");
  });
  it("warns on an unhealthy ProfitDLL state, naming it", () => {
    const r = body(base({ profitDll: { login: 0, routing: 2, marketData: 1, activation: 0 } }), 1000);
    expect(r.status).toBe("warn");
    expect(r.checks?.["profitdll:marketData"]?.[0]?.status).toBe("warn");
    expect(r.output).toContain("ProfitDLL marketData: connecting (1)");
  });
  it("shows an open feed breaker in feed:breaker and links the breaker runbook", () => {
    const open = base({ breaker: { state: "open", since: 900, lastError: "malformed burst" } });
    const r = body(open, 1000);
    expect(r.checks?.["feed:breaker"]?.[0]).toMatchObject({
      status: "warn",
      observedValue: "open",
      output: "malformed burst",
    });
    expect(r.checks?.feed?.[0]?.output).toContain("runbook: /runbooks/breaker-open#checks");
  });
});
