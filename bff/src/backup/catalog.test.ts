import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  backupFileName,
  listGoodBackups,
  newestGoodBackup,
  parseBackupName,
  partialName,
  rotateBackups,
} from "./catalog.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pregao-catalog-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const hour = 3600_000;
const t0 = Date.parse("2026-12-03T12:00:00.000Z");

/** A finished backup (dump + sidecar) of `db` at `at`; `sidecar: false` leaves it unfinished. */
async function put(db: string, at: number, sidecar = true): Promise<string> {
  const name = backupFileName(db, new Date(at));
  await writeFile(join(dir, name), "PGDMP");
  if (sidecar) await writeFile(join(dir, `${name}.sha256`), `${"0".repeat(64)}  ${name}\n`);
  return name;
}

describe("backup names", () => {
  it("carry the database and the UTC time to the millisecond, and parse back", () => {
    const name = backupFileName("pregao-prod", new Date("2026-12-03T19:45:07.089Z"));
    expect(name).toBe("pregao-pregao-prod-2026-12-03T19-45-07-089Z.dump");
    expect(parseBackupName(name)).toEqual({
      database: "pregao-prod",
      at: Date.parse("2026-12-03T19:45:07.089Z"),
    });
  });

  it("do not parse partial files, sidecars or strangers", () => {
    const name = backupFileName("db", new Date(t0));
    for (const other of [partialName(name), `${name}.sha256`, "notes.txt", "pregao-db-yesterday.dump"])
      expect(parseBackupName(other), other).toBeNull();
  });
});

describe("good backups", () => {
  it("are the dumps with a sidecar, newest first, per database", async () => {
    const a = await put("db", t0);
    const b = await put("db", t0 + hour);
    await put("db", t0 + 2 * hour, false); // pg_dump done, sidecar never written
    await writeFile(join(dir, partialName(backupFileName("db", new Date(t0 + 3 * hour)))), "PGD"); // in progress
    await put("other", t0 + 5 * hour);
    expect((await listGoodBackups(dir, "db")).map((g) => g.file)).toEqual([join(dir, b), join(dir, a)]);
    expect((await newestGoodBackup(dir))?.database).toBe("other");
    expect(await newestGoodBackup(join(dir, "missing"))).toBeNull();
  });
});

describe("rotation", () => {
  it("keeps the newest N good backups of the database and deletes the rest with their sidecars", async () => {
    const names = [];
    for (let i = 0; i < 5; i++) names.push(await put("db", t0 + i * hour));
    const other = await put("other", t0 - 10 * hour);
    const deleted = await rotateBackups(dir, "db", 2, t0 + 5 * hour);
    expect(deleted.sort()).toEqual(
      names
        .slice(0, 3)
        .map((n) => join(dir, n))
        .sort(),
    );
    expect((await readdir(dir)).sort()).toEqual(
      [names[3]!, `${names[3]}.sha256`, names[4]!, `${names[4]}.sha256`, other, `${other}.sha256`].sort(),
    );
  });

  it("removes day-old leftovers of interrupted runs, never a fresh one (another run may be writing it)", async () => {
    const now = Date.now();
    const stale = partialName(backupFileName("db", new Date(now - 30 * hour)));
    const fresh = partialName(backupFileName("db", new Date(now)));
    const orphan = `${backupFileName("db", new Date(now - 40 * hour))}.sha256`;
    for (const f of [stale, fresh, orphan]) await writeFile(join(dir, f), "x");
    const old = new Date(now - 25 * hour);
    await utimes(join(dir, stale), old, old);
    await utimes(join(dir, orphan), old, old);
    await rotateBackups(dir, "db", 14, now);
    expect(await readdir(dir)).toEqual([fresh]);
  });
});
