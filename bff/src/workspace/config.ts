import { z } from "zod";

/**
 * The workspace area's own settings; spread into `configSchema` in env.ts (the only reader of process.env). Where the
 * documents live (DATABASE_URL, WORKSPACE_DATA_DIR…) is the shared database's: db/config.ts.
 */
export const workspaceConfigShape = {
  /** Largest workspace document a user may save, in bytes (PUT body) → 400 VALIDATION_FAILED over it. */
  WORKSPACE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
} as const;

export type WorkspaceConfig = z.infer<z.ZodObject<typeof workspaceConfigShape>>;
