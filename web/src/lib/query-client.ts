import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client.ts";

/** One QueryClient for the app. Retries only what can get better by waiting (see `ApiError.retryable`). */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => failures < 3 && (!(error instanceof ApiError) || error.retryable),
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
        refetchOnWindowFocus: false,
      },
    },
  });
}
