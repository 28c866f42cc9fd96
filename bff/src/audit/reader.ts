import type { AuditEntry, AuditFilter, AuditPage, AuditQuery } from "@pregao/contracts";
import type { Kysely } from "kysely";
import { auditPage, countUpTo } from "./query.ts";
import type { AuditDatabase } from "./schema.ts";

/** What the shared database handle (db/database.ts) gives the audit trail: writes on the primary, reads wherever. */
export interface AuditDatabaseHandle {
  write<DB, T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
  read<DB, T>(fn: (db: Kysely<DB>) => Promise<T>): Promise<T>;
}

/** The audit trail as the routes read it (routes/audit/). */
export interface AuditReader {
  page(query: AuditQuery): Promise<AuditPage>;
  /** Matching rows, counted no further than `cap`. */
  count(filter: AuditFilter, cap: number): Promise<number>;
  /** Every matching row, newest first, a page at a time. */
  rows(filter: AuditFilter): AsyncIterable<AuditEntry>;
}

/**
 * Reads through the handle's `read`, which goes to the replica when it serves and retries once on the other server.
 * A long export reads page by page, each page a separate read, so it never pins one connection.
 */
export function auditReader(database: AuditDatabaseHandle): AuditReader {
  const read = <T>(fn: (db: Kysely<AuditDatabase>) => Promise<T>) => database.read<AuditDatabase, T>(fn);
  return {
    page: (query) => read((db) => auditPage(db, query)),
    count: (filter, cap) => read((db) => countUpTo(db, filter, cap)),
    rows: async function* (filter) {
      let before: number | undefined;
      for (;;) {
        const page = await read((db) =>
          auditPage(db, { ...filter, limit: 1000, ...(before ? { before } : {}) }),
        );
        yield* page.entries;
        if (page.nextCursor === null) return;
        before = page.nextCursor;
      }
    },
  };
}
