import { describe, expect, it, vi } from "vitest";
import { LazyWorkspaceStore } from "./lazy-store.ts";
import type { WorkspaceStore } from "./store.ts";

const fake = (): WorkspaceStore => ({
  get: vi.fn(async () => null),
  save: vi.fn(async () => ({ ok: true as const, revision: 1 })),
  delete: vi.fn(async () => false),
  close: vi.fn(async () => undefined),
});

describe("LazyWorkspaceStore", () => {
  it("opens nothing until first used, then once; close closes what was opened", async () => {
    const inner = fake();
    const open = vi.fn(async () => inner);
    const lazy = new LazyWorkspaceStore(open);
    expect(open).not.toHaveBeenCalled();
    await Promise.all([lazy.get("a"), lazy.save("a", {}, 2, 0), lazy.delete("a")]);
    expect(open).toHaveBeenCalledTimes(1);
    await lazy.close();
    expect(inner.close).toHaveBeenCalledTimes(1);
  });

  it("tries again after a failed open, and close without use opens nothing", async () => {
    const open = vi.fn().mockRejectedValueOnce(new Error("boom")).mockResolvedValue(fake());
    const lazy = new LazyWorkspaceStore(open);
    await expect(lazy.get("a")).rejects.toThrow("boom");
    expect(await lazy.get("a")).toBeNull();
    const unused = vi.fn(async () => fake());
    await new LazyWorkspaceStore(unused).close();
    expect(unused).not.toHaveBeenCalled();
  });
});
