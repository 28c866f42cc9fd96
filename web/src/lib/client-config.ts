import { queryOptions } from "@tanstack/react-query";
import { clientConfigSchema } from "@pregao/contracts";
import { api, call } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

/**
 * `GET /api/v1/client-config` (public): the BFF's runtime settings for the SPA. Thresholds the browser applies (data
 * staleness) come from here, so the browser never carries a copy of a server setting. Read once per page load.
 */
export const clientConfigQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.clientConfig,
    queryFn: ({ signal }) =>
      call((o) => api["client-config"].$get({}, o), clientConfigSchema, { signal, onSessionError: "throw" }),
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.status === "error" ? 10_000 : false),
  });

/** The BFF's data staleness threshold (ms), or null when it has not been read (then only the link decides). */
export const selectDataStaleAfterMs = (config: { staleness?: { dataStaleAfterMs: number } }): number | null =>
  config.staleness?.dataStaleAfterMs ?? null;
