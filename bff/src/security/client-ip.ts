import type { MiddlewareHandler } from "hono";
import { peerAddress } from "../lib/client-ip.ts";
import type { ClientAddress } from "./client-address.ts";

export { clientIp } from "../lib/client-ip.ts";

/**
 * Resolves the request's client address once, first thing, through the one ClientAddress (security/client-address.ts:
 * `X-Forwarded-For` only from TRUSTED_PROXIES), for every later reader of clientIp() (lib/client-ip.ts).
 */
export function clientAddressMiddleware(resolve: ClientAddress): MiddlewareHandler {
  return async (c, next) => {
    const xff = c.req.header("x-forwarded-for");
    c.set("clientIp", resolve(peerAddress(c), xff === undefined ? {} : { "x-forwarded-for": xff }));
    await next();
  };
}
