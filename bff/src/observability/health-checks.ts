import {
  connStateKeys,
  connStateResultKey,
  isHealthyConnState,
  type ConnStateKey,
  type DependencyCheck,
  type DependencyName,
  type FeedStatus,
} from "@pregao/contracts";

type Status = DependencyCheck["status"];
const rank: Record<Status, number> = { pass: 0, warn: 1, fail: 2 };

/** The worse of two statuses. */
export const worse = (a: Status, b: Status): Status => (rank[b] > rank[a] ? b : a);

/** Runbook URL for a dependency problem: `<base>/<name>#<section>`. */
export const runbookUrl = (base: string, name: string, section = "checks"): string =>
  `${base.replace(/\/+$/, "")}/${name}#${section}`;

export type ProfitDllType = ConnStateKey;
export const profitDllTypes: readonly ProfitDllType[] = connStateKeys;

/** "brokerDisconnected" → "broker disconnected": the contracts' result key as operators read it in English. */
const words = (key: string): string => key.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);

/** One ProfitDLL connection state judged: pass when healthy, warn otherwise (null = not reported yet). */
export function profitDllCheck(
  type: ProfitDllType,
  result: number | null,
): { status: Status; output: string } {
  if (result === null) return { status: "warn", output: `ProfitDLL ${type}: not reported yet` };
  const key = connStateResultKey(type, result);
  return {
    status: isHealthyConnState(type, result) ? "pass" : "warn",
    output: `ProfitDLL ${type}: ${key === undefined ? `code ${result}` : words(key)} (${result})`,
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The market-data feed, computed live from the feed status (no I/O): fail when no message ever arrived or none for
 * longer than `maxAgeMs`; warn when the link is not live, the breaker is not closed or a ProfitDLL state is
 * unhealthy; pass otherwise.
 */
export function feedCheck(
  status: FeedStatus,
  maxAgeMs: number,
  runbookBase: string,
  now = Date.now(),
): DependencyCheck {
  const { link, breaker, profitDll, lastMessageAt } = status;
  const age = lastMessageAt === null ? null : now - lastMessageAt;
  const problems: Array<{ status: Status; text: string }> = [];
  if (age === null) problems.push({ status: "fail", text: "no feed message since start" });
  else if (age > maxAgeMs) problems.push({ status: "fail", text: `no feed message for ${secs(age)}` });
  if (link.state !== "live")
    problems.push({
      status: "warn",
      text: link.state === "down" ? `link down: ${link.reason}` : `link ${link.state}`,
    });
  if (breaker.state !== "closed")
    problems.push({
      status: "warn",
      text: `breaker ${breaker.state}${breaker.lastError ? `: ${breaker.lastError}` : ""}`,
    });
  for (const type of profitDllTypes) {
    const c = profitDllCheck(type, profitDll[type]);
    if (c.status !== "pass" && age !== null) problems.push({ status: c.status, text: c.output });
  }
  problems.push(...assetProblems(status));
  const verdict = problems.reduce<Status>((acc, p) => worse(acc, p.status), "pass");
  const section = breaker.state !== "closed" && verdict !== "fail" ? "breaker-open" : "feed-down-or-stale";
  return {
    name: "feed",
    status: verdict,
    output: problems.length ? problems.map((p) => p.text).join("; ") : null,
    checkedAt: now,
    latencyMs: null,
    breaker: { ...breaker },
    critical: true,
    runbook: verdict === "pass" ? null : runbookUrl(runbookBase, section),
  };
}

/** Assets named in a readiness line at most (the rest are counted). */
const MAX_NAMED_ASSETS = 5;

/**
 * Per-asset and catalog problems while the link itself may be fine: subscribed assets not receiving data (retrying)
 * and an instrument catalog known to be incomplete are warnings, naming a bounded number of assets.
 */
function assetProblems(status: FeedStatus): Array<{ status: Status; text: string }> {
  const out: Array<{ status: Status; text: string }> = [];
  const retrying = (status.assets ?? []).filter((a) => a.state === "retrying");
  if (retrying.length > 0) {
    const named = retrying.slice(0, MAX_NAMED_ASSETS).map((a) => a.asset);
    const more = retrying.length - named.length;
    out.push({
      status: "warn",
      text: `no data — retrying: ${named.join(", ")}${more > 0 ? ` (+${more} more)` : ""}`,
    });
  }
  if (status.catalog?.state === "incomplete")
    out.push({
      status: "warn",
      text: `instrument catalog incomplete (${status.catalog.reason ?? "refreshing"})`,
    });
  return out;
}

/** What a failing dependency means for traders, in words (readiness reasons). */
const impact: Record<DependencyName, string> = {
  feed: "market data unavailable",
  "order-manager": "trading unavailable",
  risk: "risk checks unavailable",
  "order-stream": "order updates delayed",
  redis: "rate limits per instance only",
  "session-store": "sessions unavailable",
  database: "workspace and other saves refused",
  "database-replica": "reads served by the primary",
  backup: "data at risk if the database is lost",
};

/**
 * Readiness from the checks: fail when a critical check fails; warn when a critical check warns or any
 * non-critical check is not pass (traders still see prices); `reasons` names every non-pass check.
 */
export function readinessOf(checks: readonly DependencyCheck[]): { status: Status; reasons: string[] } {
  let status: Status = "pass";
  const reasons: string[] = [];
  for (const c of checks) {
    if (c.status === "pass") continue;
    status = worse(status, c.critical ? c.status : "warn");
    reasons.push(`${impact[c.name]}: ${c.name} ${c.status}${c.output ? ` (${c.output})` : ""}`);
  }
  return { status, reasons };
}
