import { sql, type Kysely } from "kysely";
import { Migrator, type Migration, type MigrationResult } from "kysely/migration";
import { auditMigration } from "../audit/migration.ts";

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
  "2026-12-04-001-audit": auditMigration,
  // Local users when USERS_STORE=postgres (identity/pg-user-directory.ts). The checks repeat identity/user-schema.ts's
  // rules, so a row written by hand (psql) that breaks them is refused by the database itself; `username` is unique,
  // so two CLIs adding the same name at once cannot both win.
  "2026-12-04-002-users": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", "text", (c) =>
          c
            .notNull()
            .unique()
            .check(sql`username ~ '^[a-z0-9._@-]{1,64}$'`),
        )
        .addColumn("display_name", "text", (c) =>
          c.notNull().check(sql`length(display_name) between 1 and 128`),
        )
        .addColumn("roles", sql`text[]`, (c) => c.notNull().check(sql`cardinality(roles) > 0`))
        .addColumn("accounts", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
        .addColumn("password_hash", "text", (c) => c.notNull().check(sql`password_hash like 'scrypt$%'`))
        .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("users").execute();
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
