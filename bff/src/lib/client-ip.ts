import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/** The TCP peer of this request; undefined under `app.request()` (unit tests have no socket). */
export function peerAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
}

/**
 * The client address of this request (rate limits, login guard, audit, the session record): the one the perimeter's
 * first middleware resolved (security/client-ip.ts: `X-Forwarded-For` only from TRUSTED_PROXIES), else the TCP peer.
 */
export function clientIp(c: Context): string {
  return (c.get("clientIp") as string | undefined) ?? peerAddress(c) ?? "unknown";
}
