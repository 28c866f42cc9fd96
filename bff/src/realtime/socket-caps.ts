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

export type Admission =
  { ok: true; release: () => void } | { ok: false; scope: SocketCapScope; limit: number };

/**
 * Open sockets per session, per user and per client IP, counted in this process (a socket lives on one instance).
 * `admit` takes a slot in all three or none; `release` is idempotent, so a socket that both disconnects and loses its
 * transport frees its slot once.
 */
export class SocketCaps {
  private readonly bySession = new KeyedCounts();
  private readonly byUser = new KeyedCounts();
  private readonly byIp = new KeyedCounts();

  constructor(private readonly limits: SocketCapLimits) {}

  admit(owner: SocketOwner): Admission {
    const { perSession, perUser, perIp } = this.limits;
    const taken: Array<[KeyedCounts, string]> = [];
    const steps: Array<[KeyedCounts, string, number, SocketCapScope]> = [
      [this.bySession, owner.session, perSession, "session"],
      [this.byUser, owner.user, perUser, "user"],
      [this.byIp, owner.ip, perIp, "ip"],
    ];
    for (const [counts, key, limit, scope] of steps) {
      if (!counts.tryAdd(key, 1, limit)) {
        for (const [c, k] of taken) c.release(k, 1);
        return { ok: false, scope, limit };
      }
      taken.push([counts, key]);
    }
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        for (const [c, k] of taken) c.release(k, 1);
      },
    };
  }

  /** Open sockets held by `owner`'s session, user and IP. */
  held(owner: SocketOwner): Record<SocketCapScope, number> {
    return {
      session: this.bySession.get(owner.session),
      user: this.byUser.get(owner.user),
      ip: this.byIp.get(owner.ip),
    };
  }

  /** Distinct keys tracked (a leak would make these outlive their sockets). */
  get keys(): number {
    return this.bySession.size + this.byUser.size + this.byIp.size;
  }
}
