import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WorkspaceStore } from "./store.ts";

const doc = (assets: string[]) => ({ schemaVersion: 2, watchlists: [{ name: "Main", assets }] });

/** One behaviour suite for every WorkspaceStore backend (PGlite and PostgreSQL run the same assertions). */
export function describeWorkspaceStore(
  name: string,
  factory: () => Promise<{ store: WorkspaceStore; close(): Promise<void> }>,
): void {
  describe(`WorkspaceStore: ${name}`, () => {
    let store: WorkspaceStore;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ store, close } = await factory());
    });
    afterEach(async () => {
      await close();
    });

    it("returns null for a user with nothing saved", async () => {
      expect(await store.get("nobody")).toBeNull();
    });

    it("saves the first document from revision 0 and round-trips it", async () => {
      expect(await store.save("u1", doc(["PETR4:B"]), 2, 0)).toEqual({ ok: true, revision: 1 });
      expect(await store.get("u1")).toEqual({ revision: 1, document: doc(["PETR4:B"]) });
    });

    it("bumps the revision on each save from the current one", async () => {
      await store.save("u1", doc(["PETR4:B"]), 2, 0);
      expect(await store.save("u1", doc(["VALE3:B"]), 2, 1)).toEqual({ ok: true, revision: 2 });
      expect(await store.get("u1")).toEqual({ revision: 2, document: doc(["VALE3:B"]) });
    });

    it("refuses a stale revision and returns what is stored, unchanged", async () => {
      await store.save("u1", doc(["PETR4:B"]), 2, 0);
      await store.save("u1", doc(["VALE3:B"]), 2, 1);
      const stale = await store.save("u1", doc(["ITUB4:B"]), 2, 1);
      expect(stale).toEqual({ ok: false, current: { revision: 2, document: doc(["VALE3:B"]) } });
      expect((await store.get("u1"))?.document).toEqual(doc(["VALE3:B"]));
    });

    it("refuses a second first save (two tabs both at revision 0): exactly one wins", async () => {
      const results = await Promise.all([
        store.save("u1", doc(["PETR4:B"]), 2, 0),
        store.save("u1", doc(["VALE3:B"]), 2, 0),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect((await store.get("u1"))?.revision).toBe(1);
    });

    it("refuses a revision ahead of the stored one and a non-zero revision with nothing stored", async () => {
      expect(await store.save("u1", doc([]), 2, 3)).toEqual({ ok: false, current: null });
      await store.save("u1", doc([]), 2, 0);
      expect((await store.save("u1", doc([]), 2, 7)).ok).toBe(false);
    });

    it("keeps users apart", async () => {
      await store.save("alice", doc(["PETR4:B"]), 2, 0);
      await store.save("bob", doc(["VALE3:B"]), 2, 0);
      expect((await store.get("alice"))?.document).toEqual(doc(["PETR4:B"]));
      expect((await store.get("bob"))?.document).toEqual(doc(["VALE3:B"]));
      expect(await store.save("bob", doc([]), 2, 1)).toEqual({ ok: true, revision: 2 });
      expect(await store.get("alice")).toEqual({ revision: 1, document: doc(["PETR4:B"]) });
    });

    it("deletes one user's document only; the next save starts again from revision 0", async () => {
      await store.save("alice", doc(["PETR4:B"]), 2, 0);
      await store.save("bob", doc(["VALE3:B"]), 2, 0);
      expect(await store.delete("alice")).toBe(true);
      expect(await store.delete("alice")).toBe(false);
      expect(await store.get("alice")).toBeNull();
      expect((await store.get("bob"))?.revision).toBe(1);
      expect(await store.save("alice", doc([]), 2, 0)).toEqual({ ok: true, revision: 1 });
    });

    it("stores text exactly, quotes and non-ASCII included", async () => {
      const odd = { schemaVersion: 2, note: `it's "São Paulo" \\ ${"ç".repeat(3)}` };
      await store.save("u1", odd, 2, 0);
      expect((await store.get("u1"))?.document).toEqual(odd);
    });
  });
}
