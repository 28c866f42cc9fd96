import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionStore } from "./store.ts";
import type { Session } from "./types.ts";

const session = (hash: string, over: Partial<Session> = {}): Session => ({
  hash,
  user: { id: "u1", username: "alice", displayName: "Alice", roles: ["trader"], accounts: [] },
  method: "password",
  createdAt: 1,
  lastSeenAt: 1,
  absoluteExpiresAt: 10,
  ...over,
});

/** One behaviour suite for every SessionStore implementation (memory and Redis run the same assertions). */
export function describeSessionStore(name: string, factory: () => Promise<SessionStore>): void {
  describe(`SessionStore: ${name}`, () => {
    let store: SessionStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store.close();
    });

    it("returns null for an unknown hash", async () => {
      expect(await store.get("nope")).toBeNull();
    });

    it("round-trips a session (including the OIDC id token) and replaces it on set", async () => {
      await store.set(session("a", { oidcIdToken: "tok" }), 60_000);
      expect(await store.get("a")).toEqual(session("a", { oidcIdToken: "tok" }));
      await store.set(session("a", { lastSeenAt: 5 }), 60_000);
      expect((await store.get("a"))?.lastSeenAt).toBe(5);
    });

    it("returns a copy, so callers cannot mutate the stored record", async () => {
      await store.set(session("c"), 60_000);
      const got = await store.get("c");
      got!.user.roles.push("risk");
      expect((await store.get("c"))?.user.roles).toEqual(["trader"]);
    });

    it("deletes and returns the old record; a second delete returns null", async () => {
      await store.set(session("b"), 60_000);
      expect((await store.delete("b"))?.hash).toBe("b");
      expect(await store.get("b")).toBeNull();
      expect(await store.delete("b")).toBeNull();
    });

    it("forgets records after their ttl", async () => {
      await store.set(session("t"), 30);
      await new Promise((r) => setTimeout(r, 80));
      expect(await store.get("t")).toBeNull();
    });

    it("keeps sessions apart", async () => {
      await store.set(session("x", { user: { ...session("x").user, id: "ux" } }), 60_000);
      await store.set(session("y", { user: { ...session("y").user, id: "uy" } }), 60_000);
      expect((await store.get("x"))?.user.id).toBe("ux");
      expect((await store.get("y"))?.user.id).toBe("uy");
    });
  });
}
