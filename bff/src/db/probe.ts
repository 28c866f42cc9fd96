import pg from "pg";
import { parseLsn } from "./lag.ts";

/** What one probe of the primary saw. `lsn` is null on a server in recovery (it is a standby: it refuses writes). */
export interface PrimaryProbe {
  writable: boolean;
  lsn: bigint | null;
}

/** What one probe of the replica saw. `replayAgeMs` is its own clock's age of the last replayed transaction. */
export interface ReplicaProbe {
  inRecovery: boolean;
  replayLsn: bigint | null;
  replayAgeMs: number | null;
}

/**
 * Runs `query` on a fresh connection bounded by `timeoutMs` (connect and statement): a probe must say "down" in
 * bounded time and must not queue behind the request pool, so it never borrows from it.
 */
async function probeQuery<R extends pg.QueryResultRow>(
  url: string,
  timeoutMs: number,
  text: string,
): Promise<R> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    application_name: "pregao-bff-probe",
  });
  client.on("error", () => undefined); // the awaited calls below report it
  try {
    await client.connect();
    const { rows } = await client.query<R>(text);
    const row = rows[0];
    if (!row) throw new Error("probe returned no row");
    return row;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function probePrimary(url: string, timeoutMs: number): Promise<PrimaryProbe> {
  const row = await probeQuery<{ recovery: boolean; lsn: string | null }>(
    url,
    timeoutMs,
    `select pg_is_in_recovery() as recovery,
            case when pg_is_in_recovery() then null else pg_current_wal_lsn()::text end as lsn`,
  );
  return { writable: !row.recovery, lsn: row.lsn === null ? null : parseLsn(row.lsn) };
}

export async function probeReplica(url: string, timeoutMs: number): Promise<ReplicaProbe> {
  const row = await probeQuery<{
    recovery: boolean;
    replay_lsn: string | null;
    replay_age_ms: string | null;
  }>(
    url,
    timeoutMs,
    `select pg_is_in_recovery() as recovery,
            pg_last_wal_replay_lsn()::text as replay_lsn,
            (extract(epoch from (now() - pg_last_xact_replay_timestamp())) * 1000)::float8::text as replay_age_ms`,
  );
  return {
    inRecovery: row.recovery,
    replayLsn: row.replay_lsn === null ? null : parseLsn(row.replay_lsn),
    replayAgeMs: row.replay_age_ms === null ? null : Math.max(0, Number(row.replay_age_ms)),
  };
}
