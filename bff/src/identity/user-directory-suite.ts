import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";
import { InvalidUserError, UsernameTakenError } from "./user-errors.ts";
import type { User, UserDirectory } from "./user.ts";

/** A syntactically valid hash (no scrypt cost): the stores only carry it. */
const fakeHash = (tag: string) => `scrypt$32768$8$1$${Buffer.from(tag).toString("base64")}$AAAA`;

const user = (username: string, over: Partial<User> = {}): User => ({
  id: `id-${username}`,
  username,
  displayName: username,
  roles: ["trader"],
  accounts: [],
  passwordHash: fakeHash(username),
  ...over,
});

export interface OpenedDirectory {
  users: UserDirectory;
  close(): Promise<void>;
}

/** One behaviour suite for every UserDirectory backend (the JSON file and PostgreSQL run the same assertions). */
export function describeUserDirectory(name: string, open: () => Promise<OpenedDirectory>): void {
  describe(`UserDirectory: ${name}`, () => {
    let opened: OpenedDirectory;
    let users: UserDirectory;
    beforeEach(async () => {
      opened = await open();
      users = opened.users;
    });
    afterEach(async () => {
      await opened.close();
    });

    it("finds nothing in an empty store", async () => {
      expect(await users.findByUsername("alice")).toBeNull();
      expect(await users.get("id-alice")).toBeNull();
      expect(await users.list()).toEqual([]);
      expect(await users.remove("alice")).toBe(false);
    });

    it("round-trips a user by username and by id: roles, accounts, non-ASCII name, the hash that verifies", async () => {
      const alice = user("alice", {
        displayName: `Conceição "Alice" d'Ávila`,
        roles: ["trader", "risk"],
        accounts: [
          { brokerId: 308, accountId: "12345" },
          { brokerId: 3, accountId: "X-9" },
        ],
        passwordHash: await hashPassword("correct horse"),
      });
      await users.upsert(alice);
      expect(await users.findByUsername("alice")).toEqual(alice);
      expect(await users.get("id-alice")).toEqual(alice);
      expect(await verifyPassword("correct horse", (await users.get("id-alice"))!.passwordHash)).toBe(true);
    });

    it("replaces the user with the same id (password, roles, even the username), keeping one record", async () => {
      await users.upsert(user("bob"));
      await users.upsert(user("bob", { roles: ["viewer"], passwordHash: fakeHash("new") }));
      expect(await users.findByUsername("bob")).toMatchObject({
        roles: ["viewer"],
        passwordHash: fakeHash("new"),
      });
      await users.upsert(user("robert", { id: "id-bob" }));
      expect(await users.findByUsername("bob")).toBeNull();
      expect((await users.list()).map((u) => [u.id, u.username])).toEqual([["id-bob", "robert"]]);
    });

    it("refuses a username that belongs to another id and leaves the owner untouched", async () => {
      await users.upsert(user("carol"));
      const err = await users.upsert(user("carol", { id: "someone-else", roles: ["risk"] })).catch((e) => e);
      expect(err).toBeInstanceOf(UsernameTakenError);
      expect(err).toMatchObject({ code: "USERNAME_TAKEN", field: "username" });
      expect(await users.findByUsername("carol")).toEqual(user("carol"));
    });

    it("refuses an invalid user, naming the field, and stores nothing", async () => {
      for (const [bad, field] of [
        [user("dave", { roles: [] }), "roles"],
        [user("dave", { passwordHash: "plain-text" }), "passwordHash"],
        [user("Dave"), "username"],
        [user("dave", { accounts: [{ brokerId: -1, accountId: "1" }] }), "accounts.0.brokerId"],
      ] as const) {
        const err = await users.upsert(bad).catch((e) => e);
        expect(err).toBeInstanceOf(InvalidUserError);
        expect(err).toMatchObject({ code: "USER_INVALID", field });
      }
      expect(await users.list()).toEqual([]);
    });

    it("lists by username and removes one user only", async () => {
      for (const n of ["mia", "ana", "ze.silva"]) await users.upsert(user(n));
      expect((await users.list()).map((u) => u.username)).toEqual(["ana", "mia", "ze.silva"]);
      expect(await users.remove("mia")).toBe(true);
      expect(await users.remove("mia")).toBe(false);
      expect((await users.list()).map((u) => u.username)).toEqual(["ana", "ze.silva"]);
      expect(await users.get("id-ana")).toEqual(user("ana"));
    });
  });
}
