import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import type { FeedStatus } from "@pregao/contracts";
import { backupFileName } from "../backup/catalog.ts";
import { loadConfig } from "../env.ts";
import { backupAgeProbe, type NewestBackup } from "./backup-age-probe.ts";
import { BffMetrics } from "./metrics.ts";
import { createHealthMonitor, type HealthSetupDeps } from "./setup.ts";

const H = 3600_000;
const now = Date.parse("2026-12-03T20:00:00Z");
const signal = new AbortController().signal;

function probe(newest: () => Promise<NewestBackup | null>) {
  const onAge = vi.fn<(s: number) => void>();
  const p = backupAgeProbe({ newest, maxAgeHours: 26, dir: "/var/backups/pregao", onAge, now: () => now });
  return { p, onAge };
}

describe("backup age check", () => {
  it("passes while the newest good backup is younger than the limit, and reports its age", async () => {
    const { p, onAge } = probe(async () => ({ file: "/b/x.dump", at: now - 2 * H }));
    expect(p).toMatchObject({ name: "backup", critical: false, runbook: "backup-stale" });
    expect(await p.run(signal)).toEqual({ status: "pass", output: null });
    expect(onAge).toHaveBeenCalledWith(7200);
  });

  it("warns (never fails) past the limit, naming the age, the limit and the file", async () => {
    const { p, onAge } = probe(async () => ({ file: "/b/old.dump", at: now - 30 * H }));
    expect(await p.run(signal)).toEqual({
      status: "warn",
      output: "newest good backup is 30.0 h old (limit 26 h): /b/old.dump",
    });
    expect(onAge).toHaveBeenCalledWith(30 * 3600);
  });

  it("warns when there is no good backup at all, or the directory cannot be read (age -1)", async () => {
    const none = probe(async () => null);
    expect(await none.p.run(signal)).toEqual({
      status: "warn",
      output: "no good backup in /var/backups/pregao",
    });
    expect(none.onAge).toHaveBeenCalledWith(-1);
    const denied = probe(() => Promise.reject(new Error("EACCES: permission denied")));
    expect(await denied.p.run(signal)).toEqual({
      status: "warn",
      output: "cannot read /var/backups/pregao: EACCES: permission denied",
    });
    expect(denied.onAge).toHaveBeenCalledWith(-1);
  });
});

describe("the backup check in a BFF's health monitor", () => {
  const feed: FeedStatus = {
    link: { state: "live", since: 0 },
    breaker: { state: "closed", since: 0, lastError: null },
    profitDll: { login: 0, routing: 5, marketData: 4, activation: 0 },
    lastMessageAt: Date.now(),
    serverTime: Date.now(),
    staleness: { silenceMs: 1500, dataStaleAfterMs: 5000 },
  } as FeedStatus;
  const ok = () => Promise.resolve();
  const services = {
    orderManager: { status: () => ({ state: "closed", since: 0, lastError: null }) },
    risk: { status: () => ({ state: "closed", since: 0, lastError: null }) },
    stream: { link: "live" },
  } as unknown as HealthSetupDeps["services"];

  async function monitorWith(env: Record<string, string>) {
    const config = loadConfig({ ORDER_MANAGER_URL: "http://127.0.0.1:9" }, env);
    const metrics = new BffMetrics({ defaultMetrics: false });
    const monitor = createHealthMonitor(config, {
      feedStatus: () => feed,
      services,
      limiterRedis: null,
      sessions: { ping: ok },
      metrics,
    });
    await monitor.probe();
    const age = (await metrics.registry.getSingleMetric("pregao_backup_age_seconds")!.get()).values[0]!.value;
    return { check: monitor.checks().find((c) => c.name === "backup"), readiness: monitor.readiness(), age };
  }

  it("is absent, and the age gauge -1, while BACKUP_MAX_AGE_HOURS is unset", async () => {
    const r = await monitorWith({});
    expect(r.check).toBeUndefined();
    expect(r.age).toBe(-1);
  });

  it("says backups need PostgreSQL when the BFF runs on PGlite (no DATABASE_URL)", async () => {
    const r = await monitorWith({ BACKUP_MAX_AGE_HOURS: "2" });
    expect(r.check).toMatchObject({
      status: "warn",
      output: "backups need PostgreSQL: DATABASE_URL is unset (the BFF runs on the embedded PGlite)",
    });
    expect(r.age).toBe(-1);
  });

  it("reads BACKUP_DIR for DATABASE_URL's database: a fresh backup passes, an old one degrades readiness", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pregao-backup-check-"));
    try {
      const env = { BACKUP_DIR: dir, BACKUP_MAX_AGE_HOURS: "2", DATABASE_URL: "postgres://u@db:5432/pregao" };
      const put = async (db: string, at: number) => {
        const name = backupFileName(db, new Date(at));
        await writeFile(join(dir, name), "PGDMP");
        await writeFile(join(dir, `${name}.sha256`), `${"0".repeat(64)}  ${name}\n`);
      };
      await put("pregao", Date.now() - 3 * H);
      await put("other", Date.now() - 60_000); // another database's backup does not count
      const old = await monitorWith(env);
      expect(old.check).toMatchObject({
        status: "warn",
        critical: false,
        runbook: "/runbooks/backup-stale#checks",
      });
      expect(old.readiness.status).toBe("warn");
      expect(old.readiness.reasons.join()).toContain(
        "data at risk if the database is lost: backup warn (newest good backup is 3.0 h old",
      );
      expect(old.age).toBeGreaterThanOrEqual(3 * 3600);
      expect(
        existsSync(fileURLToPath(new URL("../../../docs/runbooks/backup-stale.md", import.meta.url))),
      ).toBe(true);

      await put("pregao", Date.now() - 60_000);
      const fresh = await monitorWith(env);
      expect(fresh.check).toMatchObject({ status: "pass", runbook: null });
      expect(fresh.age).toBeLessThan(120);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
