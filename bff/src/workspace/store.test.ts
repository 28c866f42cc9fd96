import { afterAll, beforeAll } from "vitest";
import { sql } from "kysely";
import { openPgliteStore, openPostgresStore } from "./open-store.ts";
import { createTestDatabase } from "./pg-test-db.ts";
import { describeWorkspaceStore } from "./store-suite.ts";

describeWorkspaceStore("PGlite in memory", () => openPgliteStore(":memory:"));

// The real PostgreSQL at 127.0.0.1:5432: a fresh database per run, dropped afterwards; each test starts empty.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
describeWorkspaceStore("PostgreSQL", async () => {
  const store = await openPostgresStore(database.url, 4);
  await sql`truncate workspaces`.execute(store["db"]);
  return store;
});
