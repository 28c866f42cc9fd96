import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeDatabase } from "../db/compose.ts";
import type { Database } from "../db/database.ts";
import { DataStoreReadOnlyError, DataStoreUnavailableError } from "../db/errors.ts";
import { testDatabaseConfig } from "../db/test-config.ts";
import { silentLogger } from "../lib/logger.ts";
import { createTestDatabase } from "../workspace/pg-test-db.ts";
import { PostgresUserDirectory } from "./pg-user-directory.ts";
import { describeUserDirectory } from "./user-directory-suite.ts";
import { InvalidUserError, UsernameTakenError } from "./user-errors.ts";
import type { User } from "./user.ts";

// The real PostgreSQL at 127.0.0.1:5432 through the BFF's database handle: one fresh database for this file,
// emptied before each test.
let pgDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
let database: Database;
beforeAll(async () => {
  pgDatabase = await createTestDatabase();
  database = await composeDatabase({
    config: testDatabaseConfig({ DATABASE_URL: pgDatabase.url, DATABASE_POOL_MAX: 4 }),
    logger: silentLogger,
  });
}, 60_000);
afterAll(async () => {
  await database.close();
  await pgDatabase.drop();
});

const emptied = async () => {
  await sql`truncate users`.execute(await database.primary());
  return new PostgresUserDirectory(database);
};

describeUserDirectory("PostgreSQL", async () => ({ users: await emptied(), close: async () => undefined }));

const ann: User = {
  id: "id-ann",
  username: "ann",
  displayName: "Ann",
  roles: ["trader"],
  accounts: [{ brokerId: 308, accountId: "1" }],
  passwordHash: "scrypt$32768$8$1$AAAA$AAAA",
};

describe("PostgresUserDirectory: what only a shared database shows", () => {
  it("two processes adding the same username at once: exactly one wins, the others get USERNAME_TAKEN", async () => {
    const users = await emptied();
    const results = await Promise.allSettled([
      users.upsert(ann),
      users.upsert({ ...ann, id: "id-other" }),
      users.upsert({ ...ann, id: "id-third" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(UsernameTakenError);
    expect(await users.list()).toHaveLength(1);
  });

  it("the table itself refuses rows written by hand that break the user rules", async () => {
    const users = await emptied();
    const db = await database.primary();
    const insert = (over: Record<string, unknown>) =>
      sql`insert into users (id, username, display_name, roles, password_hash)
          values (${over.id ?? "x"}, ${over.username ?? "x"}, ${over.display_name ?? "X"},
                  ${over.roles ?? ["trader"]}, ${over.password_hash ?? "scrypt$1$1$1$AA$AA"})`.execute(db);
    await expect(insert({ password_hash: "plain" })).rejects.toThrow(/users_password_hash_check/);
    await expect(insert({ roles: [] })).rejects.toThrow(/users_roles_check/);
    await expect(insert({ username: "Ann Smith" })).rejects.toThrow(/users_username_check/);
    await expect(insert({ display_name: "" })).rejects.toThrow(/users_display_name_check/);
    await insert({});
    expect(await users.findByUsername("x")).toMatchObject({ accounts: [] });
  });

  it("a row edited into an unknown role is refused on read, naming the field (never logged in with)", async () => {
    const users = await emptied();
    await users.upsert(ann);
    await sql`update users set roles = '{admin}' where id = 'id-ann'`.execute(await database.primary());
    const err = await users.findByUsername("ann").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidUserError);
    expect(err).toMatchObject({ code: "USER_INVALID", source: "stored", field: "roles.0" });
  });

  it("lookups go through the handle's routed reads, changes through its guarded writes", async () => {
    await emptied();
    const calls: string[] = [];
    const users = new PostgresUserDirectory({
      read: (fn) => (calls.push("read"), database.read(fn)),
      write: (fn) => (calls.push("write"), database.write(fn)),
    });
    await users.upsert(ann);
    await users.remove("nobody");
    await users.findByUsername("ann");
    await users.get("id-ann");
    await users.list();
    expect(calls).toEqual(["write", "write", "read", "read", "read"]);
  });
});

describe("PostgresUserDirectory with the database down", () => {
  it("a change answers DATA_STORE_READ_ONLY and a lookup UPSTREAM_UNAVAILABLE (503s), not a 500", async () => {
    const down = await composeDatabase({
      // Nothing listens on port 1: connection refused at once.
      config: testDatabaseConfig({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" }),
      logger: silentLogger,
    });
    try {
      const users = new PostgresUserDirectory(down);
      const write = await users.upsert(ann).catch((e: unknown) => e);
      expect(write).toBeInstanceOf(DataStoreReadOnlyError);
      expect(write).toMatchObject({ status: 503, code: "DATA_STORE_READ_ONLY" });
      const read = await users.findByUsername("ann").catch((e: unknown) => e);
      expect(read).toBeInstanceOf(DataStoreUnavailableError);
      expect(read).toMatchObject({ status: 503 });
    } finally {
      await down.close();
    }
  });
});
