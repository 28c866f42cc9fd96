import type { AssetInfo } from "@pregao/contracts";

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * Instruments matching `query` by ticker or name, best first: ticker prefix, then ticker substring, then name or
 * description. Assets already held are left out.
 */
export function searchInstruments(
  list: readonly AssetInfo[],
  query: string,
  exclude: ReadonlySet<string>,
  limit = 20,
): AssetInfo[] {
  const q = fold(query.trim());
  const scored: { info: AssetInfo; score: number }[] = [];
  for (const info of list) {
    if (exclude.has(info.asset)) continue;
    const ticker = fold(info.asset);
    let score: number;
    if (q === "") score = 3;
    else if (ticker.startsWith(q)) score = 0;
    else if (ticker.includes(q)) score = 1;
    else if (fold(info.name).includes(q) || fold(info.description).includes(q)) score = 2;
    else continue;
    scored.push({ info, score });
  }
  scored.sort((a, b) => a.score - b.score || a.info.asset.localeCompare(b.info.asset));
  return scored.slice(0, limit).map((s) => s.info);
}
