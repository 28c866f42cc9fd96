import type { Redis } from "ioredis";
import type { Logger } from "../../lib/logger.ts";
import type { AuditSink } from "../audit-sink.ts";
import { parseOidcSettings, type OidcConfig } from "./config.ts";
import { MemoryFlowStore, RedisFlowStore } from "./flow-store.ts";
import { createOidc, type Oidc, type OidcSessions } from "./service.ts";

/**
 * OIDC for server.ts: undefined when `OIDC_ISSUER` is unset (app.ts then mounts nothing and the providers route says
 * `oidc.enabled: false`). Pending flows go to Redis when a client is given (sessions in Redis → several instances),
 * else stay in this process. Discovery is lazy: a provider that is down at startup does not stop the BFF.
 */
export function oidcFromConfig(
  config: OidcConfig & { PUBLIC_ORIGIN?: string | undefined; REDIS_KEY_PREFIX?: string },
  deps: { sessions: OidcSessions; audit: AuditSink; logger: Logger; redis?: Redis | null },
): Oidc | undefined {
  const { settings } = parseOidcSettings(config); // issues were already raised by loadConfig
  if (!settings) return undefined;
  return createOidc({
    settings,
    sessions: deps.sessions,
    audit: deps.audit,
    logger: deps.logger,
    flows: deps.redis ? new RedisFlowStore(deps.redis, config.REDIS_KEY_PREFIX) : new MemoryFlowStore(),
    ...(config.PUBLIC_ORIGIN ? { publicOrigin: new URL(config.PUBLIC_ORIGIN).origin } : {}),
  });
}
