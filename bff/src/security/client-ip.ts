import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";

/**
 * The TCP peer address. Forwarded-for headers are deliberately ignored: the BFF serves browsers directly (single
 * origin, no proxy in front), so any such header is client-controlled and would let one client spread its rate
 * limits over made-up addresses. Put a proxy in front → add a trusted-proxy setting here, nowhere else.
 */
export function clientIp(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in unit tests has no socket
  }
}
