import type { SaveResult, StoredWorkspace, WorkspaceStore } from "./store.ts";

/**
 * Opens the real store on first use (a failed open is tried again on the next call). For test BFFs: PGlite's start
 * (WASM + initdb, seconds on a loaded machine, on the event loop) is paid only by tests that touch workspaces.
 */
export class LazyWorkspaceStore implements WorkspaceStore {
  private opened: Promise<WorkspaceStore> | undefined;

  constructor(private readonly open: () => Promise<WorkspaceStore>) {}

  private store(): Promise<WorkspaceStore> {
    this.opened ??= this.open().catch((err: unknown) => {
      this.opened = undefined;
      throw err;
    });
    return this.opened;
  }

  async get(userId: string): Promise<StoredWorkspace | null> {
    return (await this.store()).get(userId);
  }

  async save(
    userId: string,
    document: unknown,
    schemaVersion: number,
    expected: number,
  ): Promise<SaveResult> {
    return (await this.store()).save(userId, document, schemaVersion, expected);
  }

  async delete(userId: string): Promise<boolean> {
    return (await this.store()).delete(userId);
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    const store = await opened?.catch(() => null);
    await store?.close();
  }
}
