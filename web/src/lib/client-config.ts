import { queryOptions } from "@tanstack/react-query";
import { clientConfigSchema } from "@pregao/contracts";
import { api, call } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

/**
 * `GET /api/v1/client-config` (public): the BFF's runtime settings for the SPA (the Sentry DSN). The
 * staleness thresholds come in `feed:status` instead (stream/feed-status-store.ts). Read once per page load.
 */
export const clientConfigQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.clientConfig,
    queryFn: ({ signal }) =>
      call((o) => api["client-config"].$get({}, o), clientConfigSchema, { signal, onSessionError: "throw" }),
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.status === "error" ? 10_000 : false),
  });
