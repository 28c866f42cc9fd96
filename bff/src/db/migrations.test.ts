import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect, sql } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest, migrations } from "./migrations.ts";
import { createTestDatabase } from "../workspace/pg-test-db.ts";

const latest = Object.keys(migrations);

async function columnsOf(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ column_name: string }>`
    select column_name from information_schema.columns where table_name = 'workspaces' order by column_name`.execute(
    db,
  );
  return rows.map((r) => r.column_name);
}

function describeMigrations(name: string, open: () => Promise<Kysely<unknown>>) {
  describe(`database migrations: ${name}`, () => {
    it("bring a fresh database to the latest schema, and a second run does nothing", async () => {
      const db = await open();
      try {
        const first = await migrateToLatest(db);
        expect(first.map((r) => [r.migrationName, r.status])).toEqual(latest.map((m) => [m, "Success"]));
        expect(await columnsOf(db)).toEqual([
          "document",
          "revision",
          "schema_version",
          "updated_at",
          "user_id",
        ]);
        expect(await migrateToLatest(db)).toEqual([]);
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
          db,
        );
        expect(rows[0]?.n).toBe(latest.length);
      } finally {
        await db.destroy();
      }
    }, 60_000); // PGlite's start (WASM + initdb) alone takes 10–30 s on a loaded 2-core machine
  });
}

describeMigrations("PGlite", async () => new Kysely({ dialect: new PGliteDialect(new PGlite()) }));

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
describeMigrations(
  "PostgreSQL",
  async () =>
    new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }) }),
);
