import { sql, type Kysely } from "kysely";
import type { Migration } from "kysely/migration";

/**
 * The `users` table (USERS_STORE=postgres; pg-user-directory.ts), registered as "2026-12-04-002-users" in
 * db/migrations.ts. The checks repeat user-schema.ts's rules, so a row written by hand (psql) that breaks them is
 * refused by the database itself; the directory still validates every row it reads. `username` is unique: two CLIs
 * adding the same name at once cannot both win.
 */
export const usersMigration: Migration = {
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
};
