import {
  WORKSPACE_SCHEMA_VERSION,
  type Role,
  type Workspace,
  type WorkspaceDocument,
} from "@pregao/contracts";
import { defaultWorkspace, upgradeWorkspace } from "./document.ts";
import type { StoredWorkspace, WorkspaceStore } from "./store.ts";

/** Whose workspace: the session user's id (the only key) and roles (their default). */
export interface WorkspaceOwner {
  id: string;
  roles: readonly Role[];
}

/** A save from a stale revision; `current` is what is stored now, for the client to resolve against. */
export class WorkspaceConflictError extends Error {
  readonly code = "WORKSPACE_CONFLICT";
  constructor(readonly current: Workspace) {
    super(`workspace changed since revision was read (now ${current.revision})`);
    this.name = "WorkspaceConflictError";
  }
}

/** Reads (default or upgraded) and saves (optimistic concurrency) one user's workspace. */
export class WorkspaceService {
  constructor(private readonly store: WorkspaceStore) {}

  async read(owner: WorkspaceOwner): Promise<Workspace> {
    return this.present(owner, await this.store.get(owner.id));
  }

  /** Saves `workspace` if `workspace.revision` is still the stored one; returns it with the new revision. */
  async write(owner: WorkspaceOwner, workspace: Workspace): Promise<Workspace> {
    const { revision, ...doc } = workspace;
    const document: WorkspaceDocument = { ...doc, schemaVersion: WORKSPACE_SCHEMA_VERSION };
    const result = await this.store.save(owner.id, document, WORKSPACE_SCHEMA_VERSION, revision);
    if (!result.ok) throw new WorkspaceConflictError(this.present(owner, result.current));
    return { ...document, revision: result.revision };
  }

  /** Forgets the saved workspace: the role's default at revision 0 again ("Reset workspace"). */
  async reset(owner: WorkspaceOwner): Promise<Workspace> {
    await this.store.delete(owner.id);
    return this.present(owner, null);
  }

  private present(owner: WorkspaceOwner, stored: StoredWorkspace | null): Workspace {
    if (!stored) return { ...defaultWorkspace(owner.roles), revision: 0 };
    return { ...upgradeWorkspace(stored.document, owner.roles), revision: stored.revision };
  }
}
