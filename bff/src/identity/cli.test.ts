import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "./cli.ts";
import { FileUserDirectory } from "./file-user-directory.ts";
import { verifyPassword } from "./password.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), "pregao-users-"));
  dirs.push(dir);
  const usersFile = join(dir, "data", "users.json");
  const run = async (argv: string[], stdinText = "") => {
    const stdin = new PassThrough();
    stdin.end(stdinText);
    let out = "";
    let err = "";
    const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, done) => (f(String(c)), done()) });
    const code = await runCli(argv, {
      stdin,
      stdout: sink((s) => (out += s)),
      stderr: sink((s) => (err += s)),
      usersFile,
    });
    return { code, out, err };
  };
  return { usersFile, run, users: new FileUserDirectory(usersFile) };
}

describe("user CLI on a temp USERS_FILE", () => {
  it("adds a user with roles and accounts, stores only a scrypt hash, file mode 0600", async () => {
    const { run, users, usersFile } = setup();
    const r = await run(
      [
        "add",
        "alice",
        "--role",
        "trader",
        "--account",
        "308:12345",
        "--display-name",
        "Alice",
        "--password-stdin",
      ],
      "s3cret-pass\n",
    );
    expect(r).toMatchObject({ code: 0 });
    const alice = await users.findByUsername("alice");
    expect(alice).toMatchObject({
      displayName: "Alice",
      roles: ["trader"],
      accounts: [{ brokerId: 308, accountId: "12345" }],
    });
    expect(await verifyPassword("s3cret-pass", alice!.passwordHash)).toBe(true);
    expect(readFileSync(usersFile, "utf8")).not.toContain("s3cret-pass");
    expect(statSync(usersFile).mode & 0o777).toBe(0o600);
  });

  it("lists, changes password and roles, removes", async () => {
    const { run, users } = setup();
    await run(["add", "bob", "--role", "viewer", "--password-stdin"], "first-pass\n");
    expect((await run(["list"])).out).toMatch(/^bob\tviewer\t-\tbob$/m);
    expect((await run(["passwd", "bob", "--password-stdin"], "second-pass\n")).code).toBe(0);
    expect(await verifyPassword("second-pass", (await users.findByUsername("bob"))!.passwordHash)).toBe(true);
    expect((await run(["roles", "bob", "trader,risk"])).code).toBe(0);
    expect((await users.findByUsername("bob"))?.roles).toEqual(["trader", "risk"]);
    expect((await run(["remove", "bob"])).code).toBe(0);
    expect(await users.list()).toEqual([]);
  });

  it("refuses bad input: short password, unknown role, duplicate user, unknown command", async () => {
    const { run } = setup();
    expect((await run(["add", "carol", "--role", "trader", "--password-stdin"], "short\n")).code).toBe(2);
    expect(
      (await run(["add", "carol", "--role", "admin", "--password-stdin"], "long-enough\n")).code,
    ).not.toBe(0);
    expect((await run(["add", "carol", "--role", "trader", "--password-stdin"], "long-enough\n")).code).toBe(
      0,
    );
    expect((await run(["add", "carol", "--role", "trader", "--password-stdin"], "long-enough\n")).code).toBe(
      2,
    );
    expect((await run(["frobnicate"])).err).toContain("usage");
  });
});
