import type { RequestIdVariables } from "hono/request-id";
import type { Session } from "./session/types.ts";

/**
 * The Hono context every BFF middleware and route shares. `session`/`sid` are set by the session middleware on every
 * request (undefined when anonymous); `authFailure` says why there is no session when the request carried a cookie.
 */
export interface AppEnv {
  Variables: RequestIdVariables & {
    session: Session | undefined;
    sid: string | undefined;
    authFailure: "UNAUTHENTICATED" | "SESSION_EXPIRED" | undefined;
    /** The client address (security/client-ip.ts: X-Forwarded-For only from TRUSTED_PROXIES). */
    clientIp: string | undefined;
  };
}
