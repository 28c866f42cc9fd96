import { afterAll, beforeAll } from "vitest";
import { sql } from "kysely";
import { composeDatabase } from "../db/compose.ts";
import type { Database } from "../db/database.ts";
import { testDatabaseConfig } from "../db/test-config.ts";
import { silentLogger } from "../lib/logger.ts";
import { createTestDatabase } from "./pg-test-db.ts";
import { describeWorkspaceStore } from "./store-suite.ts";
import { SqlWorkspaceStore } from "./store.ts";

// One database per backend for the file (PGlite's start costs seconds on a loaded machine); each test starts empty.
const emptied = async (database: Database) => {
  await sql`truncate workspaces`.execute(await database.primary());
  return { store: new SqlWorkspaceStore(database), close: async () => undefined };
};

let pglite: Database;
let pgDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let postgres: Database;
beforeAll(async () => {
  pglite = await composeDatabase({ config: testDatabaseConfig(), logger: silentLogger });
  await pglite.primary(); // opened here, under the hook's timeout, not in the first test's
  // The real PostgreSQL at 127.0.0.1:5432: a fresh database per run, dropped afterwards.
  pgDatabase = await createTestDatabase();
  postgres = await composeDatabase({
    config: testDatabaseConfig({ DATABASE_URL: pgDatabase.url, DATABASE_POOL_MAX: 4 }),
    logger: silentLogger,
  });
}, 90_000);
afterAll(async () => {
  await pglite.close();
  await postgres.close();
  await pgDatabase.drop();
});

describeWorkspaceStore("PGlite in memory", () => emptied(pglite));
describeWorkspaceStore("PostgreSQL", () => emptied(postgres));
