import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionResponse } from "@pregao/contracts";
import { testDatabaseConfig } from "../../src/db/test-config.ts";
import { runCli } from "../../src/identity/cli.ts";
import { openUserStore } from "../../src/identity/open-user-store.ts";
import type { RunningBff } from "../../src/server.ts";
import { createTestDatabase } from "../../src/workspace/pg-test-db.ts";
import { startTestBff } from "../helpers/clients.ts";
import { browserHeaders, sessionCookieOf } from "../helpers/session.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

// USERS_STORE=postgres end to end: the real CLI entry point (a separate process, as an operator runs it, on a fresh
// database it migrates) adds a user; a real BFF on port 0 logs them in from the same table; later changes apply
// without a restart.
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let bff: RunningBff;

/** `pnpm --filter @pregao/bff user <argv>` as a process against the test database (seconds: tsx start + scrypt). */
const cliProcess = (argv: string[], stdin = "") =>
  new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx", "bff/src/identity/cli.ts", ...argv],
      {
        cwd: repoRoot,
        env: { ...process.env, USERS_STORE: "postgres", DATABASE_URL: database.url, LOG_LEVEL: "silent" },
      },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
    child.stdin?.end(stdin);
  });

/** The same commands in this process (runCli over the store the entry point opens), for the steps after the first. */
const cli = async (argv: string[], stdin = "") => {
  const store = await openUserStore({
    ...testDatabaseConfig({ DATABASE_URL: database.url }),
    USERS_STORE: "postgres",
    USERS_FILE: "/unused",
  });
  const input = new PassThrough();
  input.end(stdin);
  let out = "";
  let err = "";
  const sink = (f: (s: string) => void) => new Writable({ write: (c, _e, done) => (f(String(c)), done()) });
  try {
    const code = await runCli(argv, {
      stdin: input,
      stdout: sink((s) => (out += s)),
      stderr: sink((s) => (err += s)),
      users: store.users,
    });
    return { code, out, err };
  } finally {
    await store.close();
  }
};

const loginAs = (username: string, password: string) =>
  fetch(`${bff.url}/api/v1/auth/login`, {
    method: "POST",
    headers: browserHeaders(new URL(bff.url).origin),
    body: JSON.stringify({ username, password }),
  });

beforeAll(async () => {
  database = await createTestDatabase();
  bff = await startTestBff("ws://127.0.0.1:9/feed/v1", "t", {
    USERS_STORE: "postgres",
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: 2,
    PREGAO_DEMO: false, // every login below comes from the users table
  });
}, 60_000);
afterAll(async () => {
  await bff?.close();
  await database?.drop();
});

describe("local users in PostgreSQL (USERS_STORE=postgres)", () => {
  it("a user added with the CLI logs in to a running BFF; passwd and remove apply at once", async () => {
    const added = await cliProcess(
      [
        "add",
        "marta",
        "--role",
        "trader",
        "--account",
        "308:4242",
        "--display-name",
        "Marta",
        "--password-stdin",
      ],
      "first-password\n",
    );
    expect(added).toMatchObject({ code: 0, out: "added marta (trader)\n" });
    expect((await cli(["list"])).out).toBe("marta\ttrader\t308:4242\tMarta\n");

    const ok = await loginAs("marta", "first-password");
    expect(ok.status).toBe(200);
    expect(sessionCookieOf(ok)).toBeDefined();
    const session = (await ok.json()) as SessionResponse;
    expect(session.user).toMatchObject({
      username: "marta",
      displayName: "Marta",
      roles: ["trader"],
      accounts: [{ brokerId: 308, accountId: "4242" }],
    });
    expect((await loginAs("marta", "wrong-password")).status).toBe(401);

    expect((await cli(["passwd", "marta", "--password-stdin"], "second-password\n")).code).toBe(0);
    expect((await loginAs("marta", "first-password")).status).toBe(401);
    expect((await loginAs("marta", "second-password")).status).toBe(200);

    expect((await cli(["remove", "marta"])).code).toBe(0);
    expect((await loginAs("marta", "second-password")).status).toBe(401);
  }, 60_000);

  it("the CLI refuses a duplicate with exit 2; the demo users do not exist in this store", async () => {
    await cli(["add", "joao", "--role", "viewer", "--password-stdin"], "long-enough\n");
    expect(await cli(["add", "joao", "--role", "viewer", "--password-stdin"], "long-enough\n")).toMatchObject(
      {
        code: 2,
        err: "joao exists; use passwd or roles\n",
      },
    );
    expect((await loginAs("trader", "pregao-trader")).status).toBe(401);
  }, 60_000);
});

describe("local users in PostgreSQL with the database unreachable", () => {
  it("a login answers 503 (storage unavailable), not 401 or 500; the BFF itself still starts", async () => {
    const down = await startTestBff("ws://127.0.0.1:9/feed/v1", "t", {
      USERS_STORE: "postgres",
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/none", // nothing listens on port 1
      PREGAO_DEMO: false,
    });
    try {
      const res = await fetch(`${down.url}/api/v1/auth/login`, {
        method: "POST",
        headers: browserHeaders(new URL(down.url).origin),
        body: JSON.stringify({ username: "marta", password: "first-password" }),
      });
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("UPSTREAM_UNAVAILABLE");
    } finally {
      await down.close();
    }
  }, 60_000);
});
