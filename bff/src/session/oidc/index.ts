export {
  createOidc,
  providersRoute,
  OIDC_BASE,
  OIDC_FLOW_COOKIE,
  type Oidc,
  type OidcDeps,
} from "./routes.ts";
export type { AuthProvidersResponse, OidcLogoutResponse, OidcSessions } from "./routes.ts";
export { oidcFromConfig } from "./setup.ts";
export {
  oidcConfigShape,
  parseOidcSettings,
  isLoopbackHttp,
  type OidcConfig,
  type OidcSettings,
} from "./config.ts";
export { MemoryFlowStore, RedisFlowStore, type PendingFlowStore, type PendingFlow } from "./flow-store.ts";
export { OidcClient } from "./client.ts";
