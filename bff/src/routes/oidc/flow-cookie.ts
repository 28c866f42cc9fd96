/** Holds only the random key of the pending flow; verifier, state, nonce and returnTo stay server-side. */
export const OIDC_FLOW_COOKIE = "__Host-pregao_oidc";
/** How long a started login may take at the provider. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;

/**
 * `SameSite=Lax`, unlike the Strict session cookie: the callback is a top-level cross-site navigation from the provider,
 * and a Strict cookie would not be sent with it. Lax cookies are sent on top-level GET navigations only, which is what
 * the callback is; the cookie carries no authority by itself (it names a single-use pending flow).
 */
export function flowCookie(id: string, maxAgeSec: number): string {
  return `${OIDC_FLOW_COOKIE}=${id}; Path=/; Max-Age=${maxAgeSec}; HttpOnly; Secure; SameSite=Lax`;
}

export function readFlowCookie(header: string | undefined): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === OIDC_FLOW_COOKIE) {
      const value = part.slice(eq + 1).trim();
      if (/^[A-Za-z0-9_-]{43}$/.test(value)) return value;
    }
  }
  return undefined;
}
