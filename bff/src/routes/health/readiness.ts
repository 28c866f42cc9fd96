import type { FeedStatus, HealthResponse } from "@pregao/contracts";

type Status = HealthResponse["status"];
type Check = NonNullable<HealthResponse["checks"]>[string][number];
const rank: Record<Status, number> = { pass: 0, warn: 1, fail: 2 };

/**
 * Readiness from the feed status: `fail` when the feed never delivered or has been silent (not live) for longer than
 * `maxFeedAgeMs`; `warn` for a non-live link inside that window, an open breaker or unhealthy ProfitDLL states.
 */
export function readiness(status: FeedStatus, maxFeedAgeMs: number, now = Date.now()): HealthResponse {
  const time = new Date(now).toISOString();
  const { link, breaker, profitDll, lastMessageAt } = status;
  const age = lastMessageAt === null ? null : now - lastMessageAt;
  const linkStatus: Status =
    link.state === "live" ? "pass" : age === null || age > maxFeedAgeMs ? "fail" : "warn";
  const checks: Record<string, Check[]> = {
    "feed:link": [
      {
        status: linkStatus,
        componentType: "datastore",
        observedValue: age,
        observedUnit: "ms",
        output: link.state === "down" ? `${link.state}: ${link.reason}` : link.state,
        time,
      },
    ],
    "feed:breaker": [
      {
        status: breaker.state === "closed" ? "pass" : "warn",
        observedValue: breaker.state,
        ...(breaker.lastError ? { output: breaker.lastError } : {}),
        time,
      },
    ],
    "profitdll:marketData": [
      { status: profitDll.marketData === 4 ? "pass" : "warn", observedValue: profitDll.marketData, time },
    ],
    "profitdll:login": [
      { status: profitDll.login === 0 ? "pass" : "warn", observedValue: profitDll.login, time },
    ],
    "profitdll:activation": [
      { status: profitDll.activation === 0 ? "pass" : "warn", observedValue: profitDll.activation, time },
    ],
  };
  const worst = Object.values(checks)
    .flat()
    .reduce<Status>((acc, c) => (rank[c.status] > rank[acc] ? c.status : acc), "pass");
  return { status: worst, description: "pregao bff", checks };
}
