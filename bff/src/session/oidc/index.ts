export { createOidc, type Oidc, type OidcDeps, type OidcSessions } from "./service.ts";
export { oidcFromConfig } from "./setup.ts";
export {
  oidcConfigShape,
  parseOidcSettings,
  isLoopbackHttp,
  type OidcConfig,
  type OidcSettings,
} from "./config.ts";
export { MemoryFlowStore, RedisFlowStore, type PendingFlowStore, type PendingFlow } from "./flow-store.ts";
export { OidcClient, OidcRejectedError, OidcUnavailableError } from "./client.ts";
export { userFromClaims } from "./claims.ts";
export { safeReturnTo } from "./return-to.ts";
