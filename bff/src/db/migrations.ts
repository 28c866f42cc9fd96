import { sql, type Kysely } from "kysely";
import { Migrator, type Migration, type MigrationResult } from "kysely/migration";

/**
 * Every schema change of the one database (workspaces, audit, users…), in order, in code (no directory scan: the same
 * list runs from source, tests and a bundle). Name new entries `<date>-<nnn>-<what>` so they sort after the last.
 * Kysely's Migrator records them in `kysely_migration` and takes a lock, so two instances starting together run each
 * migration once. Never edit a shipped migration; add the next one.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  "2026-12-03-001-workspaces": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("workspaces")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addColumn("schema_version", "integer", (c) => c.notNull())
        .addColumn("document", "jsonb", (c) => c.notNull())
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("workspaces").execute();
    },
  },
};

/** Thrown when a migration fails at start; the message names it. */
export class MigrationError extends Error {
  readonly code = "MIGRATION_FAILED";
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`database migration ${migration ?? "(setup)"} failed: ${String(cause)}`, { cause });
    this.name = "MigrationError";
  }
}

/** Brings the database to the latest schema; running it again is a no-op. Returns what ran. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new MigrationError(results?.find((r) => r.status === "Error")?.migrationName, error);
  return results ?? [];
}
