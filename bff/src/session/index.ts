export { SessionService, hashSid, type CheckResult, type ResolveResult } from "./session-service.ts";
export { sessionCookie, readSessionCookie, SESSION_COOKIE } from "./cookie.ts";
export { MemorySessionStore } from "./memory-store.ts";
export { RedisSessionStore } from "./redis-store.ts";
export type { SessionStore } from "./store.ts";
export type * from "./types.ts";
export type { AuditEvent, AuditSink } from "./audit-sink.ts";
export { noopAudit } from "./audit-sink.ts";
