import { z } from "zod";

/**
 * `GET /api/v1/client-config` (public): runtime settings the SPA needs before login. One build serves every
 * environment, so the Sentry DSN is the BFF's setting (WEB_SENTRY_DSN), not baked into the bundle.
 */
export const clientConfigSchema = z.object({
  /** Null → error reporting is off (the SDK is not even downloaded). */
  sentry: z
    .object({
      dsn: z.string().min(1),
      environment: z.string().min(1),
      /** Fraction of sessions whose errors are sent (0–1). */
      sampleRate: z.number().min(0).max(1),
    })
    .nullable(),
  /**
   * When the browser greys market data (watchlist rows, the depth panel, the tape): an asset the BFF has not refreshed
   * for `dataStaleAfterMs` is stale even while the link is live (WEB_DATA_STALE_AFTER_MS). Absent → only the link's
   * state decides.
   */
  staleness: z.object({ dataStaleAfterMs: z.number().int().positive() }).optional(),
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;
