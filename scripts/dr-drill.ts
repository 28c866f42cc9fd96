/**
 * `pnpm db:drill`: the measured disaster-recovery drill (docs/runbooks/dr-drill.md) on scratch databases — never
 * DATABASE_URL's. Writes workspace rows continuously, backs up, keeps writing, DROPs the database, restores the
 * newest good backup into a new one and reports:
 *   RPO = server time of the last row acknowledged before the loss − that of the newest restored row
 *   RTO = wall time from the loss to a restored, verified database
 * Options: --admin-url <postgres url> (may CREATE/DROP DATABASE; default the local server), --before-ms, --after-ms
 * (writing before and after the backup), --every-ms (pause between writes), --seed-rows (~2 KiB rows loaded first,
 * so the RTO reflects a realistic database size), --json.
 */
import { parseArgs } from "node:util";
import { runDrill, type DrillReport } from "../bff/src/backup/drill.ts";

const { values } = parseArgs({
  options: {
    "admin-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    "before-ms": { type: "string", default: "5000" },
    "after-ms": { type: "string", default: "5000" },
    "every-ms": { type: "string", default: "20" },
    "seed-rows": { type: "string", default: "0" },
    json: { type: "boolean", default: false },
  },
});

function millis(name: "before-ms" | "after-ms" | "every-ms" | "seed-rows"): number {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a whole number of milliseconds (got ${values[name]})\n`);
    process.exit(2);
  }
  return n;
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const human = (r: DrillReport, host: string) =>
  [
    `DR drill on scratch database ${r.database} (${host}), ${(r.databaseBytes / 1024 / 1024).toFixed(1)} MiB at the loss`,
    `  ${r.seedRows} seed rows, then wrote ${r.rowsWritten} workspace rows; the backup took ${secs(r.backup.durationMs)} (${(r.backup.bytes / 1024).toFixed(1)} KiB)`,
    `  restored ${r.rowsRestored} rows (1..${r.rowsRestored} in write order, migration history present) and ` +
      `${r.auditRowsRestored} audit rows (hash chain verified); ` +
      `checksum + pg_restore ${secs(r.restoreMs)}`,
    `  RPO measured: ${secs(r.rpoMs)} (${r.rowsLost} acknowledged rows lost: written after pg_dump's snapshot)`,
    `  RTO measured: ${secs(r.rtoMs)} (loss → restored and verified database; detection and decision not included)`,
    "",
  ].join("\n");

const adminUrl = values["admin-url"]!;
try {
  const report = await runDrill({
    adminUrl,
    beforeMs: millis("before-ms"),
    afterMs: millis("after-ms"),
    everyMs: millis("every-ms"),
    seedRows: millis("seed-rows"),
  });
  process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : human(report, new URL(adminUrl).host));
} catch (err) {
  const e = err as Error & { code?: string };
  process.stderr.write(`dr drill failed: ${e.code ? `${e.code}: ` : ""}${e.message}\n`);
  process.exitCode = 1;
}
