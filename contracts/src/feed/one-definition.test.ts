import { readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * One definition per fact: ProfitDLL's code tables live in contracts (conn-state.ts, order-status.ts, codes.ts) and the
 * browser's staleness thresholds come from the BFF in `feed:status`. These checks fail when a second copy appears in
 * another package's source (tests and the web's i18n catalogs, which hold words keyed by the contracts' keys, aside).
 */
const ROOT = resolve(import.meta.dirname, "../../..");
const PACKAGES = ["bff/src", "sim/src", "web/src", "bench/src", "e2e"];
const SKIP_DIRS = new Set(["node_modules", "dist", "dist-e2e", "test-results", "playwright-report"]);
const isTest = (path: string) => /\.(test|spec|test-d)\.tsx?$/.test(path);
const isCatalog = (path: string) => /^web\/src\/i18n\/catalog-[a-z-]+\.ts$/.test(path);

/** Source without its comments (docs may name a code; only code can copy a table). Rough, which is enough here. */
const withoutComments = (text: string) =>
  text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(path));
    else if (/\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

const files = PACKAGES.flatMap((p) => sources(join(ROOT, p)))
  .map((abs) => ({ path: relative(ROOT, abs), text: withoutComments(readFileSync(abs, "utf8")) }))
  .filter((f) => !isTest(f.path) && !isCatalog(f.path));

/** Paths whose text matches `pattern`, with the first match. */
const copies = (pattern: RegExp, only: (path: string) => boolean = () => true) =>
  files
    .filter((f) => only(f.path) && pattern.test(f.text))
    .map((f) => `${f.path}: ${f.text.match(pattern)?.[0]}`);

/** A table of ProfitDLL connection results: the contracts' keys as strings, or their words ("broker connected"). */
export const CONN_RESULT_TABLE =
  /["'](?:brokerConnected|brokerDisconnected|brokerConnecting|notLogged|invalidPass|blockedPass|expiredPass|unknownErr)["']|["'](?:broker (?:dis)?connect(?:ed|ing)|not logged|expired password)["']/i;
/** A table of ProfitDLL order statuses: one of its distinctive keys defined or quoted, or a code list. */
export const ORDER_STATUS_TABLE =
  /(?<![.\w])(?:PARTIALLY_FILLED_CANCELED|CANCELED_BY_ADMIN|HADES_CREATED|DELAY_FIX_GATEWAY)\s*:|["'](?:PARTIALLY_FILLED_CANCELED|CANCELED_BY_ADMIN|HADES_CREATED|DELAY_FIX_GATEWAY)["']|\bcos[A-Z]\w+\b/;
/** A state-type code list (`stateType: z.union([z.literal(0), …])`, `["login", "routing", "marketData", …]`). */
export const CONN_TYPE_LIST =
  /z\.literal\(0\),\s*z\.literal\(1\),\s*z\.literal\(2\),\s*z\.literal\(3\)|\[\s*["']login["'],\s*["']routing["'],\s*["']marketData["']/;
/** A staleness threshold the web would carry itself (`LOCAL_STALE_AFTER_MS = 1500`). */
export const WEB_STALE_CONSTANT = /\b[A-Z_]*STALE[A-Z_]*_MS\s*(?::\s*number\s*)?=\s*[\d_]+/;

describe("one definition per fact", () => {
  it("reads the other packages' sources (the checks below see something)", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === "web/src/lib/feed-labels.ts")).toBe(true);
  });

  it("ProfitDLL connection results are named only in contracts (the web's catalogs hold words, not codes)", () => {
    expect(copies(CONN_RESULT_TABLE)).toEqual([]);
    expect(copies(CONN_TYPE_LIST)).toEqual([]);
  });

  it("ProfitDLL order statuses are named only in contracts", () => {
    expect(copies(ORDER_STATUS_TABLE)).toEqual([]);
  });

  it("the web keeps no staleness threshold of its own (they arrive in feed:status)", () => {
    expect(copies(WEB_STALE_CONSTANT, (p) => p.startsWith("web/"))).toEqual([]);
  });

  it("each check catches the copies it was written against", () => {
    expect(CONN_RESULT_TABLE.test(`routing: { 5: "broker connected" }`)).toBe(true);
    expect(CONN_RESULT_TABLE.test(`{ 3: "notLogged" }`)).toBe(true);
    expect(CONN_TYPE_LIST.test(`const keys = ["login", "routing", "marketData", "activation"]`)).toBe(true);
    expect(CONN_TYPE_LIST.test(`z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)])`)).toBe(
      true,
    );
    expect(ORDER_STATUS_TABLE.test(`  CANCELED_BY_ADMIN: 205,`)).toBe(true);
    expect(ORDER_STATUS_TABLE.test(`const names = { 205: "cosCanceledByAdmin" }`)).toBe(true);
    expect(ORDER_STATUS_TABLE.test(`admin ? S.CANCELED_BY_ADMIN : S.CANCELED`)).toBe(false);
    expect(withoutComments(`/** "notLogged" */ const a = 1; // "brokerConnected"`)).not.toMatch(
      CONN_RESULT_TABLE,
    );
    expect(WEB_STALE_CONSTANT.test(`export const LOCAL_STALE_AFTER_MS = 1500;`)).toBe(true);
    expect(WEB_STALE_CONSTANT.test(`staleness.silenceMs`)).toBe(false);
  });
});
