import type { IncomingHttpHeaders } from "node:http";
import proxyAddr from "proxy-addr";

/** Named ranges `TRUSTED_PROXIES` accepts besides IPs and CIDRs (proxy-addr's presets). */
const PRESETS = new Set(["loopback", "linklocal", "uniquelocal"]);

/** Thrown by parseTrustedProxies for an entry that is neither an IP, a CIDR nor a preset. */
export class TrustedProxiesError extends Error {
  readonly code = "TRUSTED_PROXIES_INVALID";
  constructor(entry: string) {
    super(`TRUSTED_PROXIES: "${entry}" is not an IP, a CIDR or one of ${[...PRESETS].join(", ")}`);
    this.name = "TrustedProxiesError";
  }
}

/** Splits `TRUSTED_PROXIES` ("loopback, 10.0.0.0/8") into entries; each one is checked by compiling it. */
export function parseTrustedProxies(raw: string): string[] {
  const entries = raw
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    try {
      proxyAddr.compile(entry);
    } catch {
      throw new TrustedProxiesError(entry);
    }
  }
  return entries;
}

/**
 * The client's address from the TCP peer and its `X-Forwarded-For` header. The header is read only when the peer is a
 * configured proxy, and then only up to the first hop that is not one (proxy-addr walks right to left), so a client
 * cannot spread its rate limits over made-up addresses by sending its own header. No trusted proxies → the peer.
 */
export type ClientAddress = (peer: string | undefined, headers: IncomingHttpHeaders) => string;

/** Builds the one ClientAddress every HTTP request and socket handshake goes through. */
export function clientAddressResolver(trustedProxies: readonly string[]): ClientAddress {
  const trust = trustedProxies.length > 0 ? proxyAddr.compile([...trustedProxies]) : null;
  return (peer, headers) => {
    if (!peer) return "unknown"; // app.request() in unit tests has no socket
    if (!trust) return peer;
    return proxyAddr({ socket: { remoteAddress: peer }, headers } as never, trust);
  };
}
