import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { verifyAuditChainAt } from "../../src/audit/verify.ts";
import { drillUserId, migrateDrillDatabase, startDrillWriter } from "../../src/backup/drill-writer.ts";
import { clusterUnavailable, startReplicaPair } from "../db/pg-cluster.ts";

/**
 * The DR drill's other branch (docs/runbooks/dr-drill.md, Actions): the primary dies and its streaming hot standby
 * is promoted. Measured here, where a real primary and standby can be built (bff/tests/db/pg-cluster.ts):
 *   RPO = server time of the last row the primary acknowledged before it was killed (mid-write) − that of the newest
 *         row on the promoted standby
 *   RTO = crash → promoted, writable, verified standby (the BFFs' switch of DATABASE_URL is not included)
 * The primary commits as in production (synchronous_commit on, asynchronous replication), not with the test
 * cluster's relaxed setting, so what the standby lacks is only what replication had not shipped yet.
 */
const missing = clusterUnavailable();

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

describe.skipIf(missing !== undefined)("DR drill, standby promoted (real primary + hot standby)", () => {
  it(
    "loses at most the replication lag, keeps the audit chain whole, and takes writes",
    { timeout: 180_000 },
    async () => {
      const pair = await startReplicaPair();
      try {
        const { primary, replica } = pair;
        await query(primary.url, "ALTER SYSTEM SET synchronous_commit = on");
        await query(primary.url, "SELECT pg_reload_conf()");
        await migrateDrillDatabase(primary.url);
        const writer = startDrillWriter(primary.url, 5);
        await sleep(3000);

        const lossAt = performance.now();
        await primary.stop("immediate"); // the host dies mid-write: no shutdown checkpoint, nothing more is sent
        const last = await writer.stop({ afterLoss: true });
        const [promoted] = await query<{ ok: boolean }>(replica.url, "SELECT pg_promote(true, 60) AS ok");
        expect(promoted?.ok).toBe(true);
        const [state] = await query<{ recovering: boolean; n: string; max_id: string; newest: Date }>(
          replica.url,
          `SELECT pg_is_in_recovery() AS recovering, count(*) AS n, max(user_id) AS max_id, max(updated_at) AS newest
         FROM workspaces WHERE user_id LIKE 'drill-%'`,
        );
        const rows = Number(state!.n);
        expect(state!.recovering).toBe(false);
        expect(state!.max_id).toBe(drillUserId(rows)); // 1..rows, no hole
        const chain = await verifyAuditChainAt(replica.url);
        expect(chain).toMatchObject({ ok: true });
        await query(
          replica.url,
          `INSERT INTO workspaces (user_id, revision, schema_version, document) VALUES ('after-promotion', 1, 2, '{}')`,
        );
        const rtoMs = performance.now() - lossAt;
        const rpoMs = Math.max(0, last.at.getTime() - state!.newest.getTime());

        process.stdout.write(
          `promotion drill: ${last.n} rows acknowledged, ${rows} on the promoted standby (${Math.max(0, last.n - rows)} lost), ` +
            `audit chain ${chain.count} rows verified; RPO ${rpoMs} ms, RTO ${Math.round(rtoMs)} ms\n`,
        );
        // The write in flight at the crash may have committed and shipped without its answer reaching the client.
        expect(rows).toBeLessThanOrEqual(last.n + 1);
        expect(rpoMs).toBeLessThanOrEqual(5000); // the target in docs/runbooks/dr-drill.md
      } finally {
        await pair.destroy();
      }
    },
  );
});
