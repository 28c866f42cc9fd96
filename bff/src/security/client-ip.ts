import type { Context, MiddlewareHandler } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { ClientAddress } from "./client-address.ts";

function peerOf(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in unit tests has no socket
  }
}

/**
 * Resolves the request's client address once, first thing, through the one ClientAddress (security/client-address.ts:
 * `X-Forwarded-For` only from TRUSTED_PROXIES), for every later reader of clientIp().
 */
export function clientAddressMiddleware(resolve: ClientAddress): MiddlewareHandler {
  return async (c, next) => {
    const xff = c.req.header("x-forwarded-for");
    c.set("clientIp", resolve(peerOf(c), xff === undefined ? {} : { "x-forwarded-for": xff }));
    await next();
  };
}

/** The client address of this request (rate limits, login guard, audit); the TCP peer if the middleware did not run. */
export function clientIp(c: Context): string {
  return (c.get("clientIp") as string | undefined) ?? peerOf(c) ?? "unknown";
}
