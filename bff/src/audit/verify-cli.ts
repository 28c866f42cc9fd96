import type { Kysely } from "kysely";
import { connectPglite, connectPostgres, type Connection } from "../db/connect.ts";
import { pgliteDataDir, type DatabaseConfig } from "../db/config.ts";
import { silentLogger } from "../lib/logger.ts";
import type { AuditTrailConfig } from "./config.ts";
import type { AuditDatabase } from "./schema.ts";
import { spoolHolder } from "./spool.ts";
import { verifyAuditChain, type VerifyResult } from "./verify.ts";

interface Out {
  write(s: string): unknown;
}

/** The one line `pnpm audit:verify` prints. */
export function describeResult(r: VerifyResult, where: string): string {
  if (r.ok)
    return r.count === 0
      ? `audit chain OK: empty (${where})`
      : `audit chain OK: ${r.count} rows, seq ${r.firstSeq}..${r.headSeq}` +
          `${r.anchorSeq > 0 ? ` (rows up to ${r.anchorSeq} removed by retention, anchored)` : ""} (${where})`;
  return `audit chain BROKEN at seq ${r.brokenSeq}: ${r.reason} (${r.count} rows verified before it; ${where})`;
}

/**
 * `pnpm audit:verify`: checks the whole chain in DATABASE_URL, or the embedded PGlite directory when it is unset (stop
 * the BFF first: PGlite allows one process per directory). Exit 0 when it verifies, 1 when it is broken, 2 when it
 * could not be checked (no database, no audit tables).
 */
export async function runVerifyCli(
  config: DatabaseConfig & Pick<AuditTrailConfig, "AUDIT_SPOOL_FILE">,
  out: Out,
  err: Out,
): Promise<number> {
  const where = config.DATABASE_URL ? new URL(config.DATABASE_URL).host : `PGlite ${pgliteDataDir(config)}`;
  let conn: Connection | null = null;
  try {
    // PGlite is one process per directory: a running BFF (it holds its spool) must be stopped first.
    const bff = config.DATABASE_URL ? null : await spoolHolder(config.AUDIT_SPOOL_FILE);
    if (bff !== null) throw new Error(`a BFF (pid ${bff}) has the PGlite directory open: stop it first`);
    conn = config.DATABASE_URL
      ? connectPostgres(config.DATABASE_URL, {
          poolMax: 1,
          connectTimeoutMs: 5000,
          role: "verify",
          logger: silentLogger,
        })
      : await connectPglite(pgliteDataDir(config));
    const result = await verifyAuditChain(conn.db as Kysely<AuditDatabase>);
    (result.ok ? out : err).write(`${describeResult(result, where)}\n`);
    return result.ok ? 0 : 1;
  } catch (e) {
    err.write(`audit chain could not be checked (${where}): ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  } finally {
    await conn?.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadConfig } = await import("../env.ts");
  process.exitCode = await runVerifyCli(loadConfig(), process.stdout, process.stderr);
}
