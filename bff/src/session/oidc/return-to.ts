/** Longest returnTo kept; anything longer falls back to `/`. */
const MAX_RETURN_TO = 512;

/**
 * Open-redirect defence: only a same-origin, relative path survives (`/`, `/risk?tab=limits#x`). Absolute URLs,
 * scheme-relative `//evil.example`, backslash tricks (`/\evil.example`, which browsers normalise to `//`), control
 * characters and anything that resolves to another origin all become `/`.
 */
export function safeReturnTo(raw: unknown): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_RETURN_TO) return "/";
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (!raw.startsWith("/") || raw.startsWith("//") || /[\\\u0000-\u001f\u007f]/.test(raw)) return "/";
  const base = "https://pregao.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return "/";
  }
  if (url.origin !== base) return "/";
  // Never bounce back into the OIDC endpoints themselves (loops, replaying a callback).
  if (url.pathname.startsWith("/api/")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
