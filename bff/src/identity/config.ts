import { fileURLToPath } from "node:url";
import { z } from "zod";

const defaultUsersFile = fileURLToPath(new URL("../../data/users.json", import.meta.url));

/** Where local users live; spread into `configSchema` in env.ts (the only reader of process.env). */
export const usersConfigShape = {
  /**
   * `file`: USERS_FILE (one instance, simple setups). `postgres`: the `users` table of DATABASE_URL, shared by every
   * instance and backed up with the database. The CLI (`pnpm --filter @pregao/bff user …`) manages whichever is set.
   */
  USERS_STORE: z.enum(["file", "postgres"]).default("file"),
  /** Local user store when USERS_STORE=file (JSON, mode 0600). */
  USERS_FILE: z.string().min(1).default(defaultUsersFile),
} as const;

export type UsersConfig = z.infer<z.ZodObject<typeof usersConfigShape>> & {
  DATABASE_URL?: string | undefined;
};

/**
 * Cross-field checks for loadConfig: users in PostgreSQL need a PostgreSQL server. The embedded PGlite (no
 * DATABASE_URL) is one process's private database, which the CLI could not reach while the BFF runs.
 */
export function usersConfigIssues(config: UsersConfig): string[] {
  return config.USERS_STORE === "postgres" && !config.DATABASE_URL
    ? ["USERS_STORE: postgres needs DATABASE_URL (the embedded PGlite cannot be shared with the user CLI)"]
    : [];
}
