import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runBackupCli, type BackupCliIo } from "./cli.ts";

function io(config: Partial<BackupCliIo["config"]> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (s: PassThrough) => String(s.read() ?? "");
  return {
    io: { stdout, stderr, config: { BACKUP_DIR: "/nonexistent/backups", BACKUP_KEEP: 14, ...config } },
    out: () => text(stdout),
    err: () => text(stderr),
  };
}

describe("db:backup / db:restore command line", () => {
  it("exits 2 with the usage on an unknown command or option", async () => {
    const a = io();
    expect(await runBackupCli(["vacuum"], a.io)).toBe(2);
    expect(a.err()).toMatch(/^error BACKUP_USAGE: usage:/);
    const b = io();
    expect(await runBackupCli(["backup", "--bogus"], b.io)).toBe(2);
    expect(b.err()).toMatch(/^error BACKUP_USAGE: Unknown option '--bogus'/);
  });

  it("restore without a file is a usage error", async () => {
    const a = io();
    expect(await runBackupCli(["restore"], a.io)).toBe(2);
    expect(a.err()).toContain("restore needs exactly one dump file");
  });

  it("backup on the embedded PGlite (no DATABASE_URL) says backups need PostgreSQL", async () => {
    const a = io();
    expect(await runBackupCli(["backup"], a.io)).toBe(1);
    expect(a.err()).toMatch(/^error BACKUP_NEEDS_POSTGRES: DATABASE_URL is unset.*Backups need PostgreSQL/);
    expect(a.out()).toBe("");
  });

  it("restore of a file that does not exist is BACKUP_NOT_FOUND", async () => {
    const a = io({ DATABASE_URL: "postgres://postgres@127.0.0.1:9/none" });
    expect(await runBackupCli(["restore", "/nonexistent/x.dump"], a.io)).toBe(1);
    expect(a.err()).toBe("error BACKUP_NOT_FOUND: no backup file at /nonexistent/x.dump\n");
  });
});
