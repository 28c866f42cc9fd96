import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import { Migrator } from "kysely/migration";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import { createTestDatabase } from "../workspace/pg-test-db.ts";
import { auditMigration } from "./migration.ts";
import type { AuditDatabase } from "./schema.ts";

/** A migrated audit database for tests: a fresh PostgreSQL database on the local server, or PGlite in memory. */
export interface AuditTestDb {
  db: Kysely<AuditDatabase>;
  /** The PostgreSQL URL (undefined for PGlite). */
  url?: string;
  close(): Promise<void>;
}

export async function migrateAudit(db: Kysely<AuditDatabase>): Promise<void> {
  const migrator = new Migrator({
    db: db as Kysely<unknown>,
    provider: { getMigrations: async () => ({ "2026-12-04-001-audit": auditMigration }) },
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

export async function openAuditTestDb(kind: "postgres" | "pglite"): Promise<AuditTestDb> {
  if (kind === "pglite") {
    const pglite = new PGlite();
    const db = new Kysely<AuditDatabase>({ dialect: new PGliteDialect(pglite) });
    await migrateAudit(db);
    return { db, close: () => db.destroy() };
  }
  const test = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: test.url, max: 4 });
  // `close` drops the database WITH (FORCE) once the pool has ended, and pg's pool resolves `end()` while its clients'
  // sockets may still be closing: the drop then terminates such a backend (57P01), and without a listener that error
  // surfaced as an unhandled error failing a CI run whose tests all passed.
  pool.on("error", () => undefined);
  const db = new Kysely<AuditDatabase>({ dialect: new PostgresDialect({ pool }) });
  await migrateAudit(db);
  return {
    db,
    url: test.url,
    close: async () => {
      await db.destroy();
      await test.drop();
    },
  };
}
