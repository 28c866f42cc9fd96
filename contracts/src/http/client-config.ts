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
  // The staleness thresholds are not here: they arrive in every `feed:status` (`staleness`), one channel for one fact.
});
export type ClientConfig = z.infer<typeof clientConfigSchema>;
