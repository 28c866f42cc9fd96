import { composeDatabase } from "../db/compose.ts";
import type { DatabaseConfig } from "../db/config.ts";
import { silentLogger } from "../lib/logger.ts";
import type { UsersConfig } from "./config.ts";
import { FileUserDirectory } from "./file-user-directory.ts";
import { PostgresUserDirectory, type UsersDatabaseHandle } from "./pg-user-directory.ts";
import type { UserDirectory } from "./user.ts";

/** The directory USERS_STORE names: USERS_FILE, or the `users` table behind the shared database handle. */
export function userDirectoryFor(config: UsersConfig, database: UsersDatabaseHandle): UserDirectory {
  return config.USERS_STORE === "postgres"
    ? new PostgresUserDirectory(database)
    : new FileUserDirectory(config.USERS_FILE);
}

export interface OpenedUserStore {
  users: UserDirectory;
  close(): Promise<void>;
}

/**
 * The store USERS_STORE names, for the user CLI (a separate, short-lived process; the BFF composes its handle once,
 * compose/sessions.ts). The database handle is the BFF's own (db/compose.ts): migrated before use, so `user add`
 * works on a fresh database before any BFF has started, and the migrator's lock makes that safe beside a starting
 * one. A primary that cannot take writes makes the command fail with the handle's DATA_STORE_READ_ONLY message.
 */
export async function openUserStore(config: UsersConfig & DatabaseConfig): Promise<OpenedUserStore> {
  if (config.USERS_STORE === "file")
    return { users: new FileUserDirectory(config.USERS_FILE), close: async () => undefined };
  if (!config.DATABASE_URL) throw new Error("USERS_STORE=postgres needs DATABASE_URL");
  // One command needs one connection; the handle's own warnings would only repeat the command's error.
  const database = await composeDatabase({
    config: { ...config, DATABASE_POOL_MAX: 1 },
    logger: silentLogger,
  });
  return { users: new PostgresUserDirectory(database), close: () => database.close() };
}
