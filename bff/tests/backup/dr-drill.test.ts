import pg from "pg";
import { describe, expect, it } from "vitest";
import { runDrill } from "../../src/backup/drill.ts";
import { TEST_PG_ADMIN_URL } from "../../src/workspace/pg-test-db.ts";

/** The drill behind `pnpm db:drill`, shortened: what it measures must follow from what it did. */
describe("DR drill (real PostgreSQL)", { timeout: 90_000 }, () => {
  it("loses exactly the rows written after the backup, restores a verifying audit chain, measures RPO, cleans up", async () => {
    const afterMs = 800;
    const report = await runDrill({
      adminUrl: TEST_PG_ADMIN_URL,
      beforeMs: 300,
      afterMs,
      everyMs: 5,
      seedRows: 500,
    });

    expect(report.rowsRestored).toBeGreaterThan(0);
    expect(report.rowsLost).toBeGreaterThan(0);
    expect(report.rowsRestored + report.rowsLost).toBe(report.rowsWritten);
    // One audit row follows each workspace row; pg_dump's snapshot may fall between the two. The chain verified.
    expect(report.auditRowsRestored).toBeGreaterThanOrEqual(report.rowsRestored - 1);
    expect(report.auditRowsRestored).toBeLessThanOrEqual(report.rowsRestored);
    // The restored newest row predates the backup's start; the last acknowledged one came afterMs after its end.
    expect(report.rpoMs).toBeGreaterThanOrEqual(afterMs - 50);
    expect(report.rtoMs).toBeGreaterThanOrEqual(report.restoreMs);
    expect(report.databaseBytes).toBeGreaterThan(report.backup.bytes);

    const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
    await c.connect();
    const { rows } = await c
      .query("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${report.database}%`])
      .finally(() => c.end());
    expect(rows).toEqual([]);
  });
});
