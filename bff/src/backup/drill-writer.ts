import { setTimeout as sleep } from "node:timers/promises";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { appendRows } from "../audit/chain-store.ts";
import { toPendingRow } from "../audit/row.ts";
import type { AuditDatabase } from "../audit/schema.ts";
import { migrateToLatest } from "../db/migrations.ts";

/** One acknowledged write: its number in write order and the server's clock for it (`updated_at`). */
export interface Ack {
  n: number;
  at: Date;
}

/** The drill's workspace row ids sort in write order: `drill-0000001`, … */
export const drillUserId = (n: number): string => `drill-${String(n).padStart(7, "0")}`;

const kyselyOn = <T>(url: string) =>
  new Kysely<T>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });

/** The BFF's schema: every migration the BFF runs at start (workspaces, audit trail, users). */
export async function migrateDrillDatabase(url: string): Promise<void> {
  const db = kyselyOn<unknown>(url);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Until stopped: saves one workspace row (its own transaction) and appends one audit row to the hash chain (the
 * BFF's own append path), then pauses `everyMs`. Remembers the last workspace row the server acknowledged.
 */
export function startDrillWriter(url: string, everyMs: number) {
  const db = kyselyOn<AuditDatabase>(url);
  let stopped = false;
  let last: Ack | null = null;
  const loop = (async () => {
    for (let n = 1; !stopped; n++) {
      const doc = JSON.stringify({ version: 2, drill: n, watchlist: ["PETR4:B", "WINF27:F"] });
      const { rows } = await sql<{ updated_at: Date }>`
        INSERT INTO workspaces (user_id, revision, schema_version, document)
        VALUES (${drillUserId(n)}, 1, 2, cast(${doc} as jsonb)) RETURNING updated_at`.execute(db);
      last = { n, at: rows[0]!.updated_at };
      const user = { id: drillUserId(n), username: `drill${n}` };
      await appendRows(db, [
        toPendingRow({ event: "workspace.save", outcome: "success", user, details: { n } }),
      ]);
      if (everyMs > 0) await sleep(everyMs);
    }
  })();
  return {
    async stop(): Promise<Ack> {
      stopped = true;
      try {
        await loop;
      } finally {
        await db.destroy();
      }
      if (!last) throw new Error("the writer had no row acknowledged");
      return last;
    },
  };
}
