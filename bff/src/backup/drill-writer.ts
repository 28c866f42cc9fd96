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

function kyselyOn<T>(url: string): Kysely<T> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  // The drill kills servers under this pool: an idle connection's error is expected (the next write reports it).
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined)); // the same, for a connection in use
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
}

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
  // Held, not left rejected: the write that fails when the server dies is reported by stop(), not as unhandled.
  let failure: { error: unknown } | null = null;
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
  })().catch((error: unknown) => {
    failure = { error };
  });
  return {
    /**
     * Stops writing and returns the last acknowledged row. `afterLoss`: the server was killed under the writer, so
     * the write in flight failing is expected (its row was never acknowledged and does not count).
     */
    async stop(options: { afterLoss?: boolean } = {}): Promise<Ack> {
      stopped = true;
      await loop;
      await db.destroy().catch(() => undefined);
      if (failure && !options.afterLoss) throw (failure as { error: unknown }).error;
      if (!last) throw new Error("the writer had no row acknowledged");
      return last;
    },
  };
}
