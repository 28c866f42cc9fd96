import { randomBytes } from "node:crypto";

export const DEVICE_COOKIE = "__Host-pregao_dev" as const;

/**
 * The "known device" cookie: a random id (128 bits, base64url) the BFF sets on a successful password login. It proves
 * nothing by itself — the login guard only trusts it for a username the store has seen log in with it — so it needs
 * no signing key, works across BFF instances through the shared limiter store, and a forged or stale id simply counts
 * as "no device". `__Host-` (Secure, Path=/, no Domain), HttpOnly, SameSite=Strict like the session cookie.
 */
export const deviceCookie = {
  name: DEVICE_COOKIE,
  newId(): string {
    return randomBytes(16).toString("base64url");
  },
  serialize(id: string, maxAgeSec: number): string {
    return `${DEVICE_COOKIE}=${id}; Path=/; Max-Age=${Math.max(0, Math.floor(maxAgeSec))}; HttpOnly; Secure; SameSite=Strict`;
  },
};

/** The device id from a Cookie header, if present and shaped like one (22 base64url chars); anything else is ignored. */
export function readDeviceCookie(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== DEVICE_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]{22}$/.test(value)) return value;
  }
  return undefined;
}
