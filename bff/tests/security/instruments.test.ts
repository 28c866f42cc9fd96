import type { AssetInfo } from "@pregao/contracts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fakeAssets } from "../helpers/fake-feed.ts";
import { loginAs, startSecureStack, type SecureStack } from "./harness.ts";

/**
 * `/api/v1/instruments` over real HTTP with a 50,000-instrument catalog: every answer is one bounded page, paging is
 * complete and survives a catalog change, ETags give 304, and bad parameters are 400 naming the field.
 */
const N = 50_000;
const letters = (i: number) =>
  String.fromCharCode(65 + (i % 26), 65 + (Math.floor(i / 26) % 26), 65 + (Math.floor(i / 676) % 26));
/** Realistic field lengths (~270 bytes of JSON each, as the 13.7 MB / 50k of the issue). */
const synthetic = (i: number): AssetInfo => ({
  ...fakeAssets[0]!,
  asset: `${letters(i)}${String(i).padStart(5, "0")}:${i % 3 === 0 ? "F" : "B"}`,
  name: `${letters(i)} Participações S.A. série ${i}`,
  description: `Ação preferencial nominativa da companhia ${letters(i)} número ${i}`,
  isin: `BR${letters(i)}${String(i).padStart(8, "0")}`,
  sector: "Financeiro e outros",
  validDate: "2026-12-31",
});
const catalog = [...fakeAssets, ...Array.from({ length: N }, (_, i) => synthetic(i))];

let s: SecureStack;
let cookie: string;
beforeAll(async () => {
  // A quiet feed stays connected (no reconnect, no periodic list) so the 50k catalog set below is not replaced.
  s = await startSecureStack({
    RATE_API_PER_MIN: 0,
    FEED_STALE_MS: 600_000,
    FEED_DEAD_MS: 600_000,
    FEED_CATALOG_REFRESH_MS: 0,
  });
  await vi.waitFor(() => expect(s.bff.feed.catalog.known).toBe(true));
  s.bff.feed.catalog.replace(catalog);
  cookie = await loginAs(s, "viewer");
});
afterAll(() => s.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/v1/instruments${path}`, { headers: { cookie, ...headers } });
interface Page {
  instruments: AssetInfo[];
  nextCursor: string | null;
}
async function page(path: string): Promise<{ page: Page; bytes: number }> {
  const res = await get(path);
  expect(res.status, path).toBe(200);
  const text = await res.text();
  return { page: JSON.parse(text) as Page, bytes: Buffer.byteLength(text) };
}

describe("instrument search and paging", () => {
  it("a search and the largest page stay small next to the whole catalog", async () => {
    const whole = Buffer.byteLength(JSON.stringify({ instruments: catalog }));
    expect(whole).toBeGreaterThan(10_000_000); // what one call cost before
    const search = await page("?q=PETR");
    expect(search.page.instruments[0]?.asset).toBe("PETR4:B");
    expect(search.bytes).toBeLessThan(8_000);
    const largest = await page("?limit=100");
    expect(largest.page.instruments).toHaveLength(100);
    expect(largest.bytes).toBeLessThan(40_000);
    const byName = await page("?q=participacoes%20s.a.%20serie%2012345"); // accents and case folded
    expect(byName.page.instruments.map((i) => i.name)).toContain(synthetic(12345).name);
  });

  it("ranks ticker prefix, then ticker contains, then name/description, across pages", async () => {
    const all = (await page("?q=aaa0&limit=100")).page.instruments.map((i) => i.asset);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const next: Page = (await page(`?q=aaa0&limit=3${cursor ? `&cursor=${cursor}` : ""}`)).page;
      paged.push(...next.instruments.map((i) => i.asset));
      cursor = next.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(all[0]?.startsWith("AAA0")).toBe(true);
  });

  it("paging the whole catalog is complete, and a change mid-way neither repeats nor skips", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const next: Page = (await page(`?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).page;
      seen.push(...next.instruments.map((i) => i.asset));
      cursor = next.nextCursor;
      if (++pages === 10) {
        // the catalog changes between two pages: one asset removed ahead, one added ahead, one added behind
        const behind = { ...synthetic(N + 1), asset: "AAA0:B" }; // sorts before the cursor: not seen (keyset)
        const ahead = { ...synthetic(N + 2), asset: "ZZZZZ9:B" };
        s.bff.feed.catalog.replace([...catalog.filter((i) => i.asset !== "VALE3:B"), behind, ahead]);
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length); // nothing twice
    expect(seen).toContain("ZZZZZ9:B");
    expect(seen).not.toContain("VALE3:B");
    const expected = catalog.map((i) => i.asset).filter((a) => a !== "VALE3:B");
    const seenSet = new Set(seen);
    expect(expected.filter((a) => !seenSet.has(a))).toEqual([]);
    s.bff.feed.catalog.replace(catalog);
  }, 60_000); // 500 pages over HTTP on a shared CI box

  it("looks up named assets (unknown ones left out) and one asset", async () => {
    const { page: found } = await page("?assets=VALE3:B,PETR4:B,NOPE3:B");
    expect(found.instruments.map((i) => i.asset)).toEqual(["VALE3:B", "PETR4:B"]);
    const one = await get("/PETR4:B");
    expect(await one.json()).toMatchObject({ asset: "PETR4:B", tickSize: 0.01 });
    const missing = await get("/NOPE3:B");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "UNKNOWN_ASSET", field: "asset" } });
  });
});

describe("revalidation", () => {
  it("304 on a matching ETag, 200 with a new one after the catalog changes", async () => {
    const first = await get("?q=VALE");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await get("?q=VALE", { "if-none-match": etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await get("/VALE3:B", { "if-none-match": `W/${etag}` })).status).toBe(304);
    s.bff.feed.catalog.replace([...catalog, synthetic(N + 5)]);
    const changed = await get("?q=VALE", { "if-none-match": etag! });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    s.bff.feed.catalog.replace(catalog);
  });
});

describe("bad parameters", () => {
  const cases: Array<[string, string]> = [
    ["?limit=0", "limit"],
    ["?limit=101", "limit"],
    ["?limit=ten", "limit"],
    [`?q=${"x".repeat(65)}`, "q"],
    ["?cursor=not*ours", "cursor"],
    [`?cursor=${Buffer.from("[7,1]").toString("base64url")}`, "cursor"],
    ["?assets=petr4", "assets.0"],
    [`?assets=${Array.from({ length: 101 }, () => "PETR4:B").join(",")}`, "assets"],
    ["?assets=PETR4:B&q=PETR", "assets"],
    ["/petr4", "asset"],
  ];
  it.each(cases)("%s → 400 VALIDATION_FAILED naming %s", async (path, field) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION_FAILED", field } });
  });
});
