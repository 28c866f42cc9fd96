import { describe, expect, it } from "vitest";
import type { FeedStatus } from "@pregao/contracts";
import { readiness } from "./readiness.ts";

const base = (over: Partial<FeedStatus>): FeedStatus => ({
  link: { state: "live", since: 0 },
  breaker: { state: "closed", since: 0, lastError: null },
  profitDll: { login: 0, routing: 2, marketData: 4, activation: 0 },
  lastMessageAt: 1000,
  serverTime: 1000,
  ...over,
});

describe("readiness", () => {
  it("passes when live and healthy", () => {
    expect(readiness(base({}), 500, 1100).status).toBe("pass");
  });
  it("warns while down inside the window, fails beyond it", () => {
    const down = base({ link: { state: "down", since: 1000, reason: "x", retryAt: null } });
    expect(readiness(down, 500, 1400).status).toBe("warn");
    const r = readiness(down, 500, 1600);
    expect(r.status).toBe("fail");
    expect(r.checks?.["feed:link"]?.[0]?.status).toBe("fail");
  });
  it("fails when never connected", () => {
    expect(
      readiness(base({ link: { state: "connecting", since: 0, attempt: 1 }, lastMessageAt: null }), 500, 0)
        .status,
    ).toBe("fail");
  });
  it("warns when ProfitDLL market data is not connected", () => {
    const r = readiness(
      base({ profitDll: { login: 0, routing: 2, marketData: 1, activation: 0 } }),
      500,
      1000,
    );
    expect(r.status).toBe("warn");
    expect(r.checks?.["profitdll:marketData"]?.[0]?.status).toBe("warn");
  });
});
