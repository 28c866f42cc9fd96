import { queryOptions } from "@tanstack/react-query";
import { accountsResponseSchema } from "@pregao/contracts";
import { getJson } from "../../lib/api-client.ts";
import { queryKeys } from "../../lib/query-keys.ts";

/** `GET /api/v1/accounts`: the user's own accounts, or every account for `accounts:read:all` (risk). */
export const accountsQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.accounts.all,
    queryFn: ({ signal }) => getJson("/api/v1/accounts", accountsResponseSchema, { signal }),
    select: (r) => r.accounts,
    staleTime: 60_000,
  });
