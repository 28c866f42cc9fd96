import { queryOptions } from "@tanstack/react-query";
import { accountsResponseSchema } from "@pregao/contracts";
import { api, call } from "../../lib/api-client.ts";
import { queryKeys } from "../../lib/query-keys.ts";

/** `GET /api/v1/accounts`: the user's own accounts, or every account for `accounts:read:all` (risk). */
export const accountsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.accounts.all,
    queryFn: ({ signal }) => call((o) => api.accounts.$get({}, o), accountsResponseSchema, { signal }),
    select: (r) => r.accounts,
    staleTime: 60_000,
  });
