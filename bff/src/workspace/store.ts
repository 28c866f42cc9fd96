import { sql, type Generated, type Kysely } from "kysely";
import type { Database } from "../db/database.ts";

/** A user's stored document as saved (any schema version; upgraded on read by document.ts). */
export interface StoredWorkspace {
  revision: number;
  document: unknown;
}

export type SaveResult = { ok: true; revision: number } | { ok: false; current: StoredWorkspace | null };

/** Per-user workspace documents with optimistic concurrency. Every call is keyed by user id. */
export interface WorkspaceStore {
  get(userId: string): Promise<StoredWorkspace | null>;
  /**
   * Saves `document` if the stored revision is still `expectedRevision` (0 = nothing stored yet) and returns the new
   * revision; otherwise returns what is stored now, unchanged.
   */
  save(
    userId: string,
    document: unknown,
    schemaVersion: number,
    expectedRevision: number,
  ): Promise<SaveResult>;
  /** Forgets the user's document (their role's default applies again); true when there was one. */
  delete(userId: string): Promise<boolean>;
}

export interface WorkspaceDatabase {
  workspaces: {
    user_id: string;
    revision: number;
    schema_version: number;
    document: unknown;
    updated_at: Generated<Date>;
  };
}

const jsonb = (value: unknown) => sql<unknown>`cast(${JSON.stringify(value)} as jsonb)`;

/**
 * The one store for PostgreSQL and PGlite: the same Kysely queries on either dialect, over the shared database handle
 * (reads where the handle sends them — the replica when healthy; writes on the primary, 503 DATA_STORE_READ_ONLY when
 * it cannot take them). Each save is one conditional statement (INSERT … ON CONFLICT DO NOTHING for the first,
 * UPDATE … WHERE revision = expected after), so two tabs saving at once cannot both win, with no transaction to hold.
 */
export class SqlWorkspaceStore implements WorkspaceStore {
  constructor(private readonly database: Pick<Database, "read" | "write">) {}

  get(userId: string): Promise<StoredWorkspace | null> {
    return this.database.read<WorkspaceDatabase, StoredWorkspace | null>((db) => getFrom(db, userId));
  }

  save(
    userId: string,
    document: unknown,
    schemaVersion: number,
    expectedRevision: number,
  ): Promise<SaveResult> {
    return this.database.write<WorkspaceDatabase, SaveResult>(async (db) => {
      const written =
        expectedRevision === 0
          ? await db
              .insertInto("workspaces")
              .values({
                user_id: userId,
                revision: 1,
                schema_version: schemaVersion,
                document: jsonb(document),
              })
              .onConflict((oc) => oc.column("user_id").doNothing())
              .returning("revision")
              .executeTakeFirst()
          : await db
              .updateTable("workspaces")
              .set({
                revision: sql<number>`revision + 1`,
                schema_version: schemaVersion,
                document: jsonb(document),
                updated_at: sql<Date>`now()`,
              })
              .where("user_id", "=", userId)
              .where("revision", "=", expectedRevision)
              .returning("revision")
              .executeTakeFirst();
      if (written) return { ok: true, revision: written.revision };
      // What won is read from the primary: the replica may not have it yet.
      return { ok: false, current: await getFrom(db, userId) };
    });
  }

  delete(userId: string): Promise<boolean> {
    return this.database.write<WorkspaceDatabase, boolean>(async (db) => {
      const res = await db.deleteFrom("workspaces").where("user_id", "=", userId).executeTakeFirst();
      return res.numDeletedRows > 0n;
    });
  }
}

async function getFrom(db: Kysely<WorkspaceDatabase>, userId: string): Promise<StoredWorkspace | null> {
  const row = await db
    .selectFrom("workspaces")
    .select(["revision", "document"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? { revision: row.revision, document: row.document } : null;
}
