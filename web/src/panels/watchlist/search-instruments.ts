import { useMemo } from "react";
import { INSTRUMENTS_LIMIT_MAX, type AssetInfo } from "@pregao/contracts";
import { useInstrumentSearch } from "../../lib/instruments.ts";

/**
 * Instruments matching `query` (ranked by the BFF: ticker prefix, then ticker contains, then name or description),
 * without the assets already held. Asks for enough extra results that held ones do not leave the list short.
 */
export function useWatchlistSearch(query: string, held: ReadonlySet<string>, limit = 20): AssetInfo[] {
  const results = useInstrumentSearch(query, Math.min(INSTRUMENTS_LIMIT_MAX, limit + held.size));
  return useMemo(() => results.filter((i) => !held.has(i.asset)).slice(0, limit), [results, held, limit]);
}
