import { queryOptions } from "@tanstack/react-query";
import { instrumentsResponseSchema, type AssetInfo } from "@pregao/contracts";
import { getJson } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

/**
 * `GET /api/v1/instruments`. Reference data shared by every panel that formats prices (tick sizes), so it lives in
 * lib/ rather than in one panel's api file. While it fails (503 before the feed is up) it keeps retrying every 5 s.
 */
export const instrumentsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.instruments.all,
    queryFn: ({ signal }) => getJson("/api/v1/instruments", instrumentsResponseSchema, { signal }),
    select: (r) => r.instruments,
    staleTime: 5 * 60_000,
    refetchInterval: (query) => (query.state.status === "error" ? 5000 : false),
  });

/** Index instruments by asset key. */
export function indexInstruments(list: readonly AssetInfo[] | undefined): ReadonlyMap<string, AssetInfo> {
  return new Map((list ?? []).map((i) => [i.asset, i]));
}
