import type { Context, MiddlewareHandler } from "hono";
import { CSRF_HEADER } from "@pregao/contracts";
import { HttpError } from "../lib/http-error.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export interface CsrfOptions {
  /** Exact origins (`scheme://host[:port]`) allowed to make state-changing requests; read per request. */
  allowedOrigins: () => readonly string[];
  /** Called with the reason before the 403 (audit hook). */
  onReject?: (c: Context, reason: string) => void;
}

/** Why a state-changing request is refused, or null when it may proceed. Pure, for the table-driven tests. */
export function csrfVerdict(
  headers: { secFetchSite?: string; origin?: string; custom?: string },
  allowed: readonly string[],
): string | null {
  const { secFetchSite, origin, custom } = headers;
  if (secFetchSite !== undefined) {
    // Fetch metadata is set by the browser and cannot be forged by a page: trust it when present.
    if (secFetchSite !== "same-origin" && secFetchSite !== "none")
      return `cross-site request (${secFetchSite})`;
  } else if (origin === undefined) return "missing Origin";
  else if (!allowed.includes(origin)) return "origin not allowed";
  if (!custom) return `missing ${CSRF_HEADER} header`;
  return null;
}

/**
 * CSRF defence for every non-safe method: same-origin (Sec-Fetch-Site, else an allowlisted Origin) AND the custom
 * header, which a cross-site form cannot send and a cross-site fetch can only send after a CORS preflight the BFF
 * never grants (it sends no CORS headers at all). Safe methods change no state, so they pass.
 */
export function csrfGuard(opts: CsrfOptions): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next();
    const reason = csrfVerdict(
      {
        secFetchSite: c.req.header("sec-fetch-site")?.toLowerCase(),
        origin: c.req.header("origin"),
        custom: c.req.header(CSRF_HEADER),
      },
      opts.allowedOrigins(),
    );
    if (reason === null) return next();
    opts.onReject?.(c, reason);
    throw new HttpError(403, "CSRF_REJECTED", `request refused: ${reason}`);
  };
}
