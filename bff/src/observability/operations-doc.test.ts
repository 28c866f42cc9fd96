import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Counter } from "prom-client";
import { describe, expect, it } from "vitest";
import { dependencyNameSchema, errorCodeSchema } from "@pregao/contracts";
import { configSchema } from "../env.ts";
import { BffMetrics } from "./metrics.ts";

/**
 * docs/operations.md (and the runbooks) are written against the code: every metric, dependency and setting they name
 * must exist, every metric the BFF registers and every env.ts setting must be documented. Adding a metric without a
 * doc row fails here. Runbook structure and links: operations-doc-runbooks.test.ts.
 */

const docsDir = fileURLToPath(new URL("../../../docs/", import.meta.url));
const runbooksDir = `${docsDir}runbooks/`;
const operations = readFileSync(`${docsDir}operations.md`, "utf8");
const runbookFiles = readdirSync(runbooksDir).filter((f) => f.endsWith(".md") && f !== "README.md");
const runbooks = new Map(runbookFiles.map((f) => [f.slice(0, -3), readFileSync(runbooksDir + f, "utf8")]));
const runbookIndex = readFileSync(`${runbooksDir}README.md`, "utf8");
const configuration = readFileSync(`${docsDir}configuration.md`, "utf8");

const isDefault = (name: string) => name.startsWith("process_") || name.startsWith("nodejs_");

interface MetricInfo {
  name: string;
  type: string;
  labelNames: readonly string[];
}

/** The BFF's own metrics (prom-client defaults excluded), with their types and label names. */
async function registered(metrics = new BffMetrics()): Promise<MetricInfo[]> {
  const json = await metrics.registry.getMetricsAsJSON();
  return json
    .filter((m) => !isDefault(m.name))
    .map((m) => {
      const metric = metrics.registry.getSingleMetric(m.name) as unknown as { labelNames?: string[] };
      return { name: m.name, type: String(m.type), labelNames: metric.labelNames ?? [] };
    });
}

/** The operations.md table row documenting `name` (`| \`name\` | type | labels | meaning |`), if any. */
const rowOf = (doc: string, name: string) =>
  doc.split("\n").find((line) => line.startsWith(`| \`${name}\` |`));

/** Registered metrics with no table row naming them as `` `name` `` in `doc`. */
function undocumented(metrics: readonly MetricInfo[], doc: string): string[] {
  return metrics.filter((m) => rowOf(doc, m.name) === undefined).map((m) => m.name);
}

/**
 * `pregao_*` names mentioned in `text` that are not registered. Histogram series (`_bucket`, `_sum`, `_count`) count
 * as their histogram; a wildcard (`pregao_feed_*`) must match at least one metric.
 */
function unknownNames(text: string, metrics: readonly MetricInfo[]): string[] {
  const series = new Set(metrics.map((m) => m.name));
  for (const m of metrics.filter((x) => x.type === "histogram"))
    for (const suffix of ["_bucket", "_sum", "_count"]) series.add(m.name + suffix);
  const mentioned = new Set(text.match(/(?<![\w-])pregao_[a-z0-9_]+\*?/g) ?? []);
  return [...mentioned].filter((n) =>
    n.endsWith("*") ? ![...series].some((s) => s.startsWith(n.slice(0, -1))) : !series.has(n),
  );
}

describe("docs/operations.md: metrics", () => {
  it("documents every metric BffMetrics registers, with its type and every label", async () => {
    const metrics = await registered();
    expect(metrics.length).toBeGreaterThan(20);
    expect(undocumented(metrics, operations)).toEqual([]);
    for (const m of metrics) {
      const row = rowOf(operations, m.name)!;
      expect(row.split("|")[2]?.trim(), m.name).toBe(m.type);
      for (const label of m.labelNames) expect(row, `${m.name} label ${label}`).toContain(`\`${label}\``);
    }
  });

  it("names no pregao_ metric that does not exist, in operations.md or any runbook", async () => {
    const metrics = await registered();
    expect(unknownNames(operations, metrics)).toEqual([]);
    for (const [name, text] of runbooks) expect(unknownNames(text, metrics), name).toEqual([]);
  });

  it("fails when a metric is added without a row (checked against a registry with one extra metric)", async () => {
    const metrics = new BffMetrics({ defaultMetrics: false });
    new Counter({ name: "pregao_undocumented_total", help: "x", registers: [metrics.registry] });
    expect(undocumented(await registered(metrics), operations)).toContain("pregao_undocumented_total");
    const text = "`pregao_emit_latency_seconds_bucket` `pregao_feed_*` `pregao_nope` `pregao_nope_*`";
    expect(unknownNames(text, await registered())).toEqual(["pregao_nope", "pregao_nope_*"]);
  });

  it("mentions the prom-client default metrics (event-loop lag, GC)", () => {
    for (const name of ["`nodejs_eventloop_lag_p99_seconds`", "`nodejs_gc_duration_seconds{kind}`"])
      expect(operations.includes(name), name).toBe(true);
  });
});

describe("docs/operations.md: health checks", () => {
  it("names every dependency of the contracts as a check", () => {
    for (const dep of dependencyNameSchema.options) {
      const row = operations.split("\n").find((l) => l.startsWith("| `") && l.includes(`| \`${dep}\` |`));
      expect(row, `health check row for ${dep}`).toBeDefined();
    }
  });
});

/** Upper-case names the docs may use that are not BFF settings: other processes' variables, the OTel SDK's own. */
const foreignSettings = new Set([
  "SIM_CONTROL_TOKEN",
  "OTEL_EXPORTER_OTLP_HEADERS",
  "OTEL_EXPORTER_OTLP_TIMEOUT",
  "OTEL_RESOURCE_ATTRIBUTES",
  "VITE_GIT_SHA",
  ...errorCodeSchema.options,
]);

describe("settings named in the docs", () => {
  it("every `UPPER_SNAKE` name in operations.md and the runbooks is a BFF setting (or a known foreign one)", () => {
    const settings = new Set(Object.keys(configSchema.shape));
    const texts = [operations, runbookIndex, ...runbooks.values()];
    const named = new Set(
      texts.flatMap((t) => [...t.matchAll(/`([A-Z][A-Z0-9]*_[A-Z0-9_]+)`/g)].map((m) => m[1]!)),
    );
    expect([...named].filter((n) => !settings.has(n) && !foreignSettings.has(n))).toEqual([]);
  });

  it("docs/configuration.md has a row for every BFF setting in env.ts", () => {
    const missing = Object.keys(configSchema.shape).filter((k) => !configuration.includes(`| \`${k}\` |`));
    expect(missing).toEqual([]);
  });
});
