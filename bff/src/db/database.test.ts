import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { silentLogger, type Logger } from "../lib/logger.ts";
import { createTestDatabase } from "../workspace/pg-test-db.ts";
import { composeDatabase, DatabaseConfigError } from "./compose.ts";
import { connectPostgres } from "./connect.ts";
import { SharedDatabase } from "./database.ts";
import { DataStoreReadOnlyError, DataStoreUnavailableError } from "./errors.ts";
import { migrateToLatest } from "./migrations.ts";
import { DatabaseMonitor } from "./monitor.ts";
import { testDatabaseConfig } from "./test-config.ts";

// Nothing listens on port 1: connections are refused at once (a server that is down).
const DEAD_URL = "postgres://postgres@127.0.0.1:1/postgres";
const pool = { poolMax: 2, connectTimeoutMs: 1000, logger: silentLogger };

let live: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  live = await createTestDatabase();
});
afterAll(async () => {
  await live.drop();
});

/** A handle over `primaryUrl` and `replicaUrl` whose monitor believes what `seen` says (no probe runs). */
function handle(
  primaryUrl: string,
  replicaUrl: string,
  seen: { primaryUp: boolean; replicaUp: boolean; replicaBehindMs?: number },
) {
  const monitor = new DatabaseMonitor({
    backend: "postgres",
    primaryUrl,
    replicaUrl,
    intervalMs: 60_000,
    timeoutMs: 100,
    maxLagMs: 5000,
    logger: silentLogger,
    probes: {
      primary: async () => {
        if (!seen.primaryUp) throw new Error("primary down");
        return { writable: true, lsn: 1n };
      },
      replica: async () => {
        if (!seen.replicaUp) throw new Error("replica down");
        // Behind: a position before the primary's only sample, dated by the replica's own replay age.
        return seen.replicaBehindMs
          ? { inRecovery: true, replayLsn: 0n, replayAgeMs: seen.replicaBehindMs }
          : { inRecovery: true, replayLsn: 1n, replayAgeMs: 0 };
      },
    },
  });
  const database = new SharedDatabase(
    "postgres",
    monitor,
    async () => ({
      primary: connectPostgres(primaryUrl, { ...pool, role: "primary" }),
      replica: connectPostgres(replicaUrl, { ...pool, role: "replica" }),
    }),
    async (db) => {
      await migrateToLatest(db);
    },
  );
  return { database, monitor };
}

const whoAmI = (db: Kysely<unknown>) =>
  sql<{ port: number }>`select inet_server_port() as port`.execute(db).then((r) => r.rows[0]?.port);

describe("SharedDatabase routing", () => {
  it("a read sent to a replica that turns out dead is answered by the primary, and the replica is routed around", async () => {
    const { database, monitor } = handle(live.url, DEAD_URL, { primaryUp: true, replicaUp: true });
    try {
      await database.primary(); // migrated: reads stay on the primary until a probe sees the replica replayed it
      expect(monitor.replicaServes()).toBe(false);
      await monitor.tick();
      expect(monitor.replicaServes()).toBe(true);
      expect(await database.read(whoAmI)).toBe(5432);
      expect(database.status().replica).toMatchObject({ up: false, serving: false });
      expect(await database.reader()).toBe(await database.primary()); // the next read goes to the primary directly
    } finally {
      await database.close();
    }
  });

  it("a read on a dead primary is answered by the replica", async () => {
    const { database, monitor } = handle(DEAD_URL, live.url, {
      primaryUp: true,
      replicaUp: true,
      replicaBehindMs: 60_000,
    });
    try {
      await monitor.tick(); // a lagging replica: reads try the primary first
      expect(database.status().replica).toMatchObject({ lagMs: 60_000, serving: false });
      expect(monitor.replicaServes()).toBe(false);
      expect(await database.read(whoAmI)).toBe(5432);
      expect(database.status()).toMatchObject({ primary: { up: false }, replica: { serving: true } });
    } finally {
      await database.close();
    }
  });

  it("a read with both servers dead is 503 UPSTREAM_UNAVAILABLE", async () => {
    const { database, monitor } = handle(DEAD_URL, DEAD_URL, { primaryUp: true, replicaUp: true });
    try {
      await monitor.tick();
      await expect(database.read(whoAmI)).rejects.toBeInstanceOf(DataStoreUnavailableError);
    } finally {
      await database.close();
    }
  });

  it("a write on a primary known down fails fast with DATA_STORE_READ_ONLY, without running", async () => {
    const { database, monitor } = handle(live.url, live.url, { primaryUp: false, replicaUp: true });
    try {
      await monitor.tick();
      const fn = vi.fn(async () => 1);
      await expect(database.write(fn)).rejects.toBeInstanceOf(DataStoreReadOnlyError);
      expect(fn).not.toHaveBeenCalled();
    } finally {
      await database.close();
    }
  });

  it("a write that finds the primary dead is DATA_STORE_READ_ONLY and marks it down; a wrong write stays itself", async () => {
    const dead = handle(DEAD_URL, live.url, { primaryUp: true, replicaUp: true });
    try {
      await expect(dead.database.write(whoAmI)).rejects.toMatchObject({
        code: "DATA_STORE_READ_ONLY",
        status: 503,
      });
      expect(dead.database.status().primary.up).toBe(false);
    } finally {
      await dead.database.close();
    }
    const ok = handle(live.url, live.url, { primaryUp: true, replicaUp: true });
    try {
      await expect(
        ok.database.write((db) => sql`select * from no_such_table`.execute(db)),
      ).rejects.toMatchObject({
        code: "42P01",
      });
    } finally {
      await ok.database.close();
    }
  });
});

describe("composeDatabase", () => {
  it("under NODE_ENV=test opens nothing until first used (an unreachable URL costs nothing until then)", async () => {
    const database = await composeDatabase({
      config: testDatabaseConfig({ DATABASE_URL: DEAD_URL }),
      logger: silentLogger,
    });
    expect(database.backend).toBe("postgres");
    await expect(database.primary()).rejects.toThrow(/migration/);
    await database.close();
  });

  it("at a production start, an unreachable primary starts read-only (logged) and migrates once reachable", async () => {
    const logger: Logger = { ...silentLogger, error: vi.fn() };
    const database = await composeDatabase({
      config: testDatabaseConfig({ NODE_ENV: "production", DATABASE_URL: DEAD_URL }),
      logger,
    });
    expect(logger.error).toHaveBeenCalledWith(expect.anything(), expect.stringMatching(/read-only/));
    await database.close();
  });

  it("migrates at a production start and shares one handle: two calls to primary() are one pool", async () => {
    const database = await composeDatabase({
      config: testDatabaseConfig({ NODE_ENV: "production", DATABASE_URL: live.url }),
      logger: silentLogger,
    });
    try {
      expect(await database.primary()).toBe(await database.primary());
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(
        await database.primary(),
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
  });

  it("refuses DATABASE_READ_URL without DATABASE_URL", async () => {
    await expect(
      composeDatabase({ config: testDatabaseConfig({ DATABASE_READ_URL: live.url }), logger: silentLogger }),
    ).rejects.toBeInstanceOf(DatabaseConfigError);
  });
});
