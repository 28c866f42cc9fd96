import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { FeedStatus } from "@pregao/contracts";
import type { DatabaseStatus } from "../db/monitor.ts";
import { loadConfig } from "../env.ts";
import { renderRunbook } from "../routes/runbooks/render.ts";
import { BffMetrics } from "./metrics.ts";
import { createHealthMonitor, type HealthSetupDeps } from "./setup.ts";

/**
 * docs/runbooks/ as the ops panel and /health/ready use them: every runbook has the four sections (the panel links
 * to their anchors), links stay inside /runbooks/, and every runbook URL the health checks hand out resolves.
 */

const docsDir = fileURLToPath(new URL("../../../docs/", import.meta.url));
const runbooksDir = `${docsDir}runbooks/`;
const operations = readFileSync(`${docsDir}operations.md`, "utf8");
const runbookFiles = readdirSync(runbooksDir).filter((f) => f.endsWith(".md") && f !== "README.md");
const runbooks = new Map(runbookFiles.map((f) => [f.slice(0, -3), readFileSync(runbooksDir + f, "utf8")]));
const runbookIndex = readFileSync(`${runbooksDir}README.md`, "utf8");

/** The runbooks the issue and the ops panel rely on (contracts' DependencyCheck.runbook points at these). */
const requiredRunbooks = [
  "health-panel",
  "feed-down-or-stale",
  "breaker-open",
  "order-manager-down-or-slow",
  "redis-down",
  "high-latency",
  "kill-switch",
  "session-store-loss",
  "database-down",
  "replica-lagging",
];
const sections = ["Symptoms", "Checks", "Actions", "Verify recovery"];

/** Runbook names linked from `text`: `runbooks/<name>.md`, `/runbooks/<name>` and `./<name>` (between runbooks). */
function linkedRunbooks(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/runbooks\/([a-z0-9-]+)(?:\.md)?/g)) if (m[1] !== "README") names.add(m[1]!);
  for (const m of text.matchAll(/\]\(\.\/([a-z0-9-]+)(?:#[a-z0-9-]+)?\)/g)) names.add(m[1]!);
  return [...names];
}

describe("docs/runbooks", () => {
  it("has every required runbook, each listed in the index", () => {
    for (const name of requiredRunbooks) {
      expect(runbooks.has(name), `docs/runbooks/${name}.md`).toBe(true);
      expect(runbookIndex, `index lists ${name}`).toContain(`](./${name})`);
    }
    for (const name of runbooks.keys()) expect(runbookIndex, `index lists ${name}`).toContain(`](./${name})`);
  });

  it("gives each runbook exactly the four sections, in order (the panel links to their anchors)", () => {
    for (const [name, text] of runbooks) {
      const headings = text.match(/^## .+$/gm)?.map((h) => h.slice(3).trim());
      expect(headings, name).toEqual(sections);
      expect(text.match(/^# .+$/gm)?.length, `${name}: one title`).toBe(1);
    }
  });

  it("links only runbooks that exist (operations.md, the index and between runbooks)", () => {
    const texts = [operations, runbookIndex, ...runbooks.values()];
    const linked = new Set(texts.flatMap(linkedRunbooks));
    expect(linked.size).toBeGreaterThanOrEqual(requiredRunbooks.length);
    for (const name of linked) expect(existsSync(`${runbooksDir}${name}.md`), `runbook ${name}`).toBe(true);
  });

  it("links only ./<runbook>[#section] from runbooks (served at /runbooks/<name>: no .md, nothing outside)", () => {
    const anchors = new Set(sections.map((h) => `#${h.toLowerCase().replace(/\s+/g, "-")}`));
    for (const [name, text] of [["README", runbookIndex] as const, ...runbooks]) {
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
      const bad = targets.filter((t) => {
        const m = /^\.\/([a-z0-9-]+)(#[a-z0-9-]+)?$/.exec(t);
        return !m || (m[2] !== undefined && !anchors.has(m[2]));
      });
      expect(bad, name).toEqual([]);
    }
  });
});

describe("runbook links the BFF hands out", () => {
  const down = (lastMessageAt: number | null): FeedStatus => ({
    link: { state: "down", since: 0, reason: "ECONNREFUSED", retryAt: null },
    breaker: { state: "open", since: 0, lastError: "ECONNREFUSED" },
    profitDll: { login: 0, routing: 5, marketData: 2, activation: 0 },
    lastMessageAt,
    serverTime: Date.now(),
    staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
  });

  // Primary and replica both unreachable: both database checks fail and link their runbooks.
  const databaseDown: DatabaseStatus = {
    backend: "postgres",
    primary: { up: false, writable: null, error: "ECONNREFUSED", checkedAt: 0 },
    replica: { up: false, lagMs: null, maxLagMs: 5000, serving: false, error: "ECONNREFUSED", checkedAt: 0 },
  };

  it("every check's runbook URL names an existing runbook and one of its section anchors", async () => {
    let feed = down(Date.now());
    const refused = () => Promise.reject(new Error("ECONNREFUSED"));
    const open = () => ({ state: "open", since: 0, lastError: "ECONNREFUSED" });
    const services = {
      orderManager: { status: open },
      risk: { status: open },
      stream: { link: "down" },
    } as unknown as HealthSetupDeps["services"];
    const config = loadConfig({ ORDER_MANAGER_URL: "http://127.0.0.1:9", HEALTH_PROBE_TIMEOUT_MS: 500 }, {});
    const monitor = createHealthMonitor(config, {
      feedStatus: () => feed,
      services,
      limiterRedis: { ping: refused },
      sessions: { ping: refused },
      metrics: new BffMetrics({ defaultMetrics: false }),
      database: { status: () => databaseDown },
    });
    await monitor.probe();
    const urls = monitor.checks().map((c) => c.runbook);
    feed = down(null);
    urls.push(...monitor.checks().map((c) => c.runbook));
    const linked = new Set<string>();
    for (const url of urls) {
      const m = /^\/runbooks\/([a-z0-9-]+)#([a-z0-9-]+)$/.exec(url ?? "");
      expect(m, `runbook URL ${url}`).not.toBeNull();
      const html = renderRunbook(m![1]!, readFileSync(`${runbooksDir}${m![1]}.md`, "utf8"));
      expect(html, url!).toContain(`id="${m![2]}"`);
      linked.add(m![1]!);
    }
    expect([...linked].sort()).toEqual(
      [
        "breaker-open",
        "feed-down-or-stale",
        "order-manager-down-or-slow",
        "redis-down",
        "session-store-loss",
        "database-down",
        "replica-lagging",
      ].sort(),
    );
  });

  it("every runbook renders with the four section anchors", () => {
    for (const [name, text] of runbooks) {
      const html = renderRunbook(name, text);
      for (const id of ["symptoms", "checks", "actions", "verify-recovery"])
        expect(html, name).toContain(`id="${id}"`);
    }
  });
});
