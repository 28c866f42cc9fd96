import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assertToolCanServe, locateTool, parseToolMajor, toolConnection } from "./pg-tools.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "pregao-pgtools-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** A fake client tool that prints `versionLine` for --version. */
async function fakeTool(name: string, versionLine: string): Promise<void> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\necho '${versionLine}'\n`);
  await chmod(path, 0o755);
}

describe("client tools", () => {
  it("read the major version from --version", () => {
    expect(parseToolMajor("pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)")).toBe(15);
    expect(parseToolMajor("pg_restore (PostgreSQL) 17beta1")).toBe(17);
    expect(parseToolMajor("something else 15")).toBeNull();
  });

  it("are found in BACKUP_PG_BIN_DIR, or PG_TOOL_MISSING naming the setting", async () => {
    await fakeTool("pg_dump", "pg_dump (PostgreSQL) 16.4");
    await expect(locateTool("pg_dump", dir)).resolves.toEqual({ path: join(dir, "pg_dump"), major: 16 });
    await expect(locateTool("pg_restore", dir)).rejects.toMatchObject({
      code: "PG_TOOL_MISSING",
      field: "BACKUP_PG_BIN_DIR",
    });
  });

  it("not on PATH → PG_TOOL_MISSING saying what to install", async () => {
    await expect(locateTool("pg_dump", undefined, dir)).rejects.toMatchObject({
      code: "PG_TOOL_MISSING",
      message: expect.stringMatching(/not found on PATH: install .*postgresql-client/),
    });
  });

  it("refuse a server newer than the tool (PG_VERSION_MISMATCH names the client to install)", () => {
    const tool = { path: "/usr/bin/pg_dump", major: 15 };
    expect(() => assertToolCanServe("pg_dump", tool, 15)).not.toThrow();
    expect(() => assertToolCanServe("pg_dump", tool, 14)).not.toThrow();
    expect(() => assertToolCanServe("pg_dump", tool, 16)).toThrow(
      expect.objectContaining({
        code: "PG_VERSION_MISMATCH",
        message: expect.stringContaining("postgresql-client-16"),
      }),
    );
  });

  it("get the password through PGPASSWORD, never on the command line", () => {
    const c = toolConnection("postgres://app:s3cr%40t@db.internal:6543/pregao?sslmode=require");
    expect(c.dbnameArg).toBe("postgres://app@db.internal:6543/pregao?sslmode=require");
    expect(c.env).toEqual({ PGPASSWORD: "s3cr@t" });
    expect(c.database).toBe("pregao");
    expect(c.display).toBe("db.internal:6543/pregao");
  });
});
