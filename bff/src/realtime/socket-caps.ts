import { KeyedCounts } from "./keyed-counts.ts";

export type SocketCapScope = "session" | "user" | "ip";

export interface SocketCapLimits {
  perSession: number;
  perUser: number;
  perIp: number;
}

/** Who opens a socket: the session (hash), the user id and the TCP peer address. */
export interface SocketOwner {
  session: string;
  user: string;
  ip: string;
}

export type Admission = { ok: true; release(): void } | { ok: false; scope: SocketCapScope; limit: number };

type ScopeCounts = Record<SocketCapScope, KeyedCounts>;
const scopes: readonly SocketCapScope[] = ["session", "user", "ip"];

/**
 * An admitted socket's slot in all three counts. `release` is idempotent, so a socket that both disconnects and loses
 * its transport frees its slot once. A class rather than a closure per socket: under tsx (esbuild's keepNames) each
 * named closure gets its own property dictionary, ≈ 300 B per idle socket with the array of what it took.
 */
class SocketSlot {
  readonly ok = true;
  private held = true;

  constructor(
    private readonly counts: ScopeCounts,
    private readonly owner: SocketOwner,
  ) {}

  release(): void {
    if (!this.held) return;
    this.held = false;
    for (const scope of scopes) this.counts[scope].release(this.owner[scope], 1);
  }
}

/**
 * Open sockets per session, per user and per client IP, counted in this process (a socket lives on one instance).
 * `admit` takes a slot in all three or none.
 */
export class SocketCaps {
  private readonly counts: ScopeCounts = {
    session: new KeyedCounts(),
    user: new KeyedCounts(),
    ip: new KeyedCounts(),
  };

  constructor(private readonly limits: SocketCapLimits) {}

  admit(owner: SocketOwner): Admission {
    const { counts } = this;
    const limits = { session: this.limits.perSession, user: this.limits.perUser, ip: this.limits.perIp };
    for (const [i, scope] of scopes.entries()) {
      if (!counts[scope].tryAdd(owner[scope], 1, limits[scope])) {
        for (const taken of scopes.slice(0, i)) counts[taken].release(owner[taken], 1);
        return { ok: false, scope, limit: limits[scope] };
      }
    }
    return new SocketSlot(counts, owner);
  }

  /** Open sockets held by `owner`'s session, user and IP. */
  held(owner: SocketOwner): Record<SocketCapScope, number> {
    const { counts } = this;
    return {
      session: counts.session.get(owner.session),
      user: counts.user.get(owner.user),
      ip: counts.ip.get(owner.ip),
    };
  }

  /** Distinct keys tracked (a leak would make these outlive their sockets). */
  get keys(): number {
    const { counts } = this;
    return counts.session.size + counts.user.size + counts.ip.size;
  }
}
