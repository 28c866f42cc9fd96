import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { KeyRing } from "./key-ring.ts";
import { OrderStream } from "./order-stream.ts";
import type { CallMetrics } from "./call-telemetry.ts";
import { ServiceClient, type ServiceStatus } from "./service-client.ts";
import { TokenMinter } from "./token-minter.ts";

import { UpstreamUnavailableError } from "./errors.ts";

export { UpstreamUnavailableError };
export type { ServiceClient, ServiceStatus } from "./service-client.ts";

/** What routes need of a service client. */
export type ServiceCaller = Pick<ServiceClient, "call">;

/** Stand-ins for createApp callers with no backend (unit tests): every call is 503 UPSTREAM_UNAVAILABLE. */
export const unavailableServices: { orderManager: ServiceCaller; risk: ServiceCaller } = {
  orderManager: {
    call: () => Promise.reject(new UpstreamUnavailableError("order-manager", "not configured")),
  },
  risk: { call: () => Promise.reject(new UpstreamUnavailableError("risk", "not configured")) },
};
export { BFF_SUBJECT, type TokenSubject } from "./token-minter.ts";

/** The BFF's backend side: signing keys, token minter, one client per service, the order push stream. */
export interface Services {
  keys: KeyRing;
  minter: TokenMinter;
  orderManager: ServiceClient;
  risk: ServiceClient;
  stream: OrderStream;
  /** Breaker state per service (ops panels) plus the push stream's link. */
  status(): { services: ServiceStatus[]; stream: OrderStream["link"] };
  close(): Promise<void>;
}

/** Opens the key ring and builds the clients; `metrics` (when given) receives every call's duration by outcome. */
export async function createServices(
  config: Config,
  logger: Logger,
  metrics?: CallMetrics,
): Promise<Services> {
  const keys = await KeyRing.open({
    dir: config.SERVICE_KEYS_DIR,
    reloadMs: config.SERVICE_KEYS_RELOAD_MS,
    logger,
  });
  const minter = new TokenMinter(keys, { ttlS: config.SERVICE_TOKEN_TTL_S });
  const common = {
    minter,
    logger,
    timeoutMs: config.SERVICE_TIMEOUT_MS,
    breakerThreshold: config.SERVICE_BREAKER_THRESHOLD,
    breakerCooldownMs: config.SERVICE_BREAKER_COOLDOWN_MS,
    retries: config.SERVICE_RETRIES,
    ...(metrics ? { metrics } : {}),
  };
  const orderManager = new ServiceClient({
    ...common,
    service: "order-manager",
    audience: "order-manager",
    baseUrl: config.ORDER_MANAGER_URL,
  });
  const risk = new ServiceClient({
    ...common,
    service: "risk",
    audience: "risk",
    baseUrl: config.RISK_URL ?? config.ORDER_MANAGER_URL,
  });
  const stream = new OrderStream({
    baseUrl: config.ORDER_MANAGER_URL,
    minter,
    logger,
    backoffInitialMs: config.FEED_BACKOFF_INITIAL_MS,
    backoffMaxMs: config.FEED_BACKOFF_MAX_MS,
  });
  return {
    keys,
    minter,
    orderManager,
    risk,
    stream,
    status: () => ({ services: [orderManager.status(), risk.status()], stream: stream.link }),
    close: async () => {
      keys.close();
      await stream.close();
    },
  };
}
