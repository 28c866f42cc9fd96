import { createHash } from "node:crypto";
import type { AssetInfo } from "@pregao/contracts";
import { HttpError } from "../../lib/http-error.ts";

/** Case- and accent-insensitive text ("Petrobrás" matches "petrobras"); ASCII skips the costly normalisation. */
const fold = (s: string) =>
  // eslint-disable-next-line no-control-regex -- the ASCII range is the point
  /^[\x00-\x7f]*$/.test(s)
    ? s.toLowerCase()
    : s
        .normalize("NFD")
        .replace(/\p{Diacritic}/gu, "")
        .toLowerCase();

interface Entry {
  info: AssetInfo;
  ticker: string;
  text: string;
}

/** The catalog prepared for search: sorted by asset key (the stable order of every page), built once per version. */
export interface CatalogIndex {
  readonly entries: readonly Entry[];
  readonly byAsset: ReadonlyMap<string, AssetInfo>;
  /** Strong ETag of the content (a hash, so equal across BFF instances and restarts). */
  readonly etag: string;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function buildIndex(list: readonly AssetInfo[]): CatalogIndex {
  const entries = list
    .map((info) => ({ info, ticker: fold(info.asset), text: fold(`${info.name}\n${info.description}`) }))
    .sort((a, b) => byKey(a.info.asset, b.info.asset));
  const hash = createHash("sha256");
  for (const e of entries) hash.update(JSON.stringify(e.info));
  return {
    entries,
    byAsset: new Map(entries.map((e) => [e.info.asset, e.info])),
    etag: `"${hash.digest("base64url").slice(0, 22)}"`,
  };
}

/** Match tiers, best first: ticker prefix, ticker contains, name/description contains. */
type Tier = 0 | 1 | 2;
const TIERS: readonly Tier[] = [0, 1, 2];

function tierOf(e: Entry, q: string): Tier | null {
  if (q === "" || e.ticker.startsWith(q)) return 0;
  if (e.ticker.includes(q)) return 1;
  return e.text.includes(q) ? 2 : null;
}

/** Where a page ended: its last (tier, asset). Keyset, not offset, so a catalog change never repeats or skips. */
interface Position {
  tier: Tier;
  asset: string;
}

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.tier, p.asset])).toString("base64url");
}

export function decodeCursor(cursor: string): Position {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && TIERS.includes(v[0] as Tier) && typeof v[1] === "string" && v[1].length <= 32)
      return { tier: v[0] as Tier, asset: v[1] };
  } catch {
    // fall through: not ours
  }
  throw new HttpError(400, "VALIDATION_FAILED", "cursor must be the nextCursor of a previous page", "cursor");
}

/** First index in `entries` whose asset sorts after `asset` (binary search: resuming a page costs log n). */
function after(entries: readonly Entry[], asset: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.info.asset <= asset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of matches for `query`, tier by tier, each tier in asset order. Scans stop once the page is full, so a
 * page costs at most one pass over the catalog per tier, whatever the catalog's size.
 */
export function searchPage(
  index: CatalogIndex,
  query: string,
  limit: number,
  cursor?: string,
): { instruments: AssetInfo[]; nextCursor: string | null } {
  const q = fold(query.trim());
  const from = cursor === undefined ? undefined : decodeCursor(cursor);
  const hits: Position[] = [];
  const out: AssetInfo[] = [];
  for (const tier of q === "" ? [0 as const] : TIERS) {
    if (from && tier < from.tier) continue;
    const start = from && tier === from.tier ? after(index.entries, from.asset) : 0;
    for (let i = start; i < index.entries.length && out.length <= limit; i++) {
      const e = index.entries[i]!;
      if (tierOf(e, q) !== tier) continue;
      out.push(e.info);
      hits.push({ tier, asset: e.info.asset });
    }
    if (out.length > limit) break;
  }
  const more = out.length > limit;
  return {
    instruments: out.slice(0, limit),
    nextCursor: more ? encodeCursor(hits[limit - 1]!) : null,
  };
}
