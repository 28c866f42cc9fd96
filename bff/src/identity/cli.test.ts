import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseConfig } from "../db/test-config.ts";
import { createTestDatabase } from "../workspace/pg-test-db.ts";
import { runCli } from "./cli.ts";
import { openUserStore, type OpenedUserStore } from "./open-user-store.ts";
import { verifyPassword } from "./password.ts";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

let database: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

/** A fresh store of each kind, opened as the CLI's entry point opens it (openUserStore from the config). */
const stores: Record<"file" | "postgres", () => Promise<OpenedUserStore & { usersFile: string }>> = {
  async file() {
    const dir = mkdtempSync(join(tmpdir(), "pregao-users-"));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const usersFile = join(dir, "data", "users.json");
    return {
      ...(await openUserStore({ ...testDatabaseConfig(), USERS_STORE: "file", USERS_FILE: usersFile })),
      usersFile,
    };
  },
  async postgres() {
    const store = await openUserStore({
      ...testDatabaseConfig({ DATABASE_URL: database.url }),
      USERS_STORE: "postgres",
      USERS_FILE: "/unused",
    });
    for (const u of await store.users.list()) await store.users.remove(u.username);
    return { ...store, usersFile: "/unused" };
  },
};

async function setup(kind: keyof typeof stores) {
  const store = await stores[kind]();
  cleanups.push(() => store.close());
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
      users: store.users,
    });
    return { code, out, err };
  };
  return { run, users: store.users, usersFile: store.usersFile };
}

describe.each(["file", "postgres"] as const)("user CLI (USERS_STORE=%s)", (kind) => {
  it("adds a user with roles and accounts, storing only a scrypt hash", async () => {
    const { run, users } = await setup(kind);
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
    expect(r).toMatchObject({ code: 0, out: "added alice (trader)\n" });
    const alice = await users.findByUsername("alice");
    expect(alice).toMatchObject({
      displayName: "Alice",
      roles: ["trader"],
      accounts: [{ brokerId: 308, accountId: "12345" }],
    });
    expect(alice!.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("s3cret-pass", alice!.passwordHash)).toBe(true);
  });

  it("lists, changes password and roles, removes", async () => {
    const { run, users } = await setup(kind);
    await run(["add", "bob", "--role", "viewer", "--password-stdin"], "first-pass\n");
    await run(["add", "ana", "--role", "risk", "--account", "3:7", "--password-stdin"], "first-pass\n");
    expect((await run(["list"])).out).toBe("ana\trisk\t3:7\tana\nbob\tviewer\t-\tbob\n");
    expect((await run(["passwd", "bob", "--password-stdin"], "second-pass\n")).code).toBe(0);
    expect(await verifyPassword("second-pass", (await users.findByUsername("bob"))!.passwordHash)).toBe(true);
    expect(await run(["roles", "bob", "trader,risk,trader"])).toMatchObject({
      code: 0,
      out: "bob: trader,risk\n",
    });
    expect((await users.findByUsername("bob"))?.roles).toEqual(["trader", "risk"]);
    expect((await run(["remove", "bob"])).code).toBe(0);
    expect((await users.list()).map((u) => u.username)).toEqual(["ana"]);
  });

  it("refuses bad input with exit 2 and a message naming it; nothing is written", async () => {
    const { run, users } = await setup(kind);
    const add = (argv: string[], pw = "long-enough\n") => run(["add", ...argv, "--password-stdin"], pw);
    expect(await add(["carol", "--role", "trader"], "short\n")).toMatchObject({
      code: 2,
      err: "password must have at least 8 characters\n",
    });
    expect(await add(["carol", "--role", "admin"])).toMatchObject({
      code: 2,
      err: expect.stringMatching(/^invalid/),
    });
    expect(await add(["carol"])).toMatchObject({ code: 2, err: "at least one --role is required\n" });
    expect(await add(["Carol", "--role", "trader"])).toMatchObject({
      code: 2,
      err: expect.stringContaining(`invalid username "Carol"`),
    });
    expect(await add(["carol", "--role", "trader", "--account", "x:1"])).toMatchObject({ code: 2 });
    expect(await users.list()).toEqual([]);
    expect((await add(["carol", "--role", "trader"])).code).toBe(0);
    expect(await add(["carol", "--role", "trader"])).toMatchObject({
      code: 2,
      err: "carol exists; use passwd or roles\n",
    });
    expect(await run(["passwd", "nobody", "--password-stdin"], "long-enough\n")).toMatchObject({
      code: 2,
      err: "no such user: nobody\n",
    });
    expect(await run(["remove", "nobody"])).toMatchObject({ code: 2, err: "no such user: nobody\n" });
    expect(await run(["list", "--frobnicate"])).toMatchObject({
      code: 2,
      err: expect.stringContaining("usage"),
    });
    expect((await run(["frobnicate"])).err).toContain("usage");
  });
});

describe("user CLI on the file store", () => {
  it("writes the file with mode 0600 and never the password", async () => {
    const { run, usersFile } = await setup("file");
    await run(["add", "dora", "--role", "trader", "--password-stdin"], "s3cret-pass\n");
    expect(readFileSync(usersFile, "utf8")).not.toContain("s3cret-pass");
    expect(statSync(usersFile).mode & 0o777).toBe(0o600);
  });
});
