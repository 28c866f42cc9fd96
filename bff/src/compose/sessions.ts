import { Redis } from "ioredis";
import type { Config } from "../env.ts";
import { DemoUserDirectory } from "../identity/demo-users.ts";
import type { Database } from "../db/database.ts";
import { userDirectoryFor } from "../identity/open-user-store.ts";
import type { UserDirectory } from "../identity/user.ts";
import type { Logger } from "../lib/logger.ts";
import type { AuditSink } from "../session/audit-sink.ts";
import { MemorySessionStore } from "../session/memory-store.ts";
import { oidcFromConfig, type Oidc } from "../session/oidc/index.ts";
import { RedisSessionStore } from "../session/redis-store.ts";
import { SessionService } from "../session/session-service.ts";
import type { SessionStore } from "../session/store.ts";

export interface ComposedSessions {
  /** Local users (USERS_STORE: USERS_FILE or the database's `users` table), plus the demo users when PREGAO_DEMO. */
  users: UserDirectory;
  sessions: SessionService;
  /** Where the session core's audit events go: the test seam when given, else the audit log. */
  audit: AuditSink;
  /** OpenID Connect login when configured. */
  oidc: Oidc | undefined;
  /** Stops the expiry audit, then closes the session store (and its Redis). */
  dispose(): Promise<void>;
}

/**
 * Users from USERS_STORE (the file, or the `users` table behind the shared database handle), plus the demo users in
 * memory when PREGAO_DEMO (env.ts refuses that in production).
 */
async function createUsers(config: Config, database: Database): Promise<UserDirectory> {
  const users = userDirectoryFor(config, database);
  return config.PREGAO_DEMO ? DemoUserDirectory.create(users) : users;
}

/** Sessions in Redis when REDIS_URL is set (shared by every instance), else in this process. */
function createStore(
  config: Config,
  logger: Logger,
  now: () => number,
): { store: SessionStore; redis: Redis | null } {
  if (!config.REDIS_URL) return { store: new MemorySessionStore(now), redis: null };
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2 });
  redis.on("error", (err: Error) => logger.warn({ err: err.message }, "session redis unavailable"));
  return { store: new RedisSessionStore(redis, config.REDIS_KEY_PREFIX, true), redis };
}

/** The session core (identity/, session/): users, server-side sessions, OIDC, and the audit of expiries. */
export async function composeSessions(deps: {
  config: Config;
  logger: Logger;
  /** Session clock (idle/absolute timeouts). */
  now: () => number;
  audit: AuditSink;
  /** The shared database handle (db/): the `users` table when USERS_STORE=postgres. */
  database: Database;
}): Promise<ComposedSessions> {
  const { config, logger, audit } = deps;
  const users = await createUsers(config, deps.database);
  const { store, redis } = createStore(config, logger, deps.now);
  const sessions = new SessionService({
    store,
    idleMs: config.SESSION_IDLE_MS,
    absoluteMs: config.SESSION_ABSOLUTE_MS,
    now: deps.now,
  });
  const oidc = oidcFromConfig(config, { sessions, audit, logger, redis });
  const expiredAudit = sessions.onEnded((e) => {
    if (e.reason === "SESSION_EXPIRED")
      audit.record({ type: "session.expired", userId: e.userId, reason: e.reason });
  });
  return {
    users,
    sessions,
    audit,
    oidc,
    dispose: async () => {
      expiredAudit.dispose();
      await sessions.close();
    },
  };
}
