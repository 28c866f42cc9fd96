import { queryOptions } from "@tanstack/react-query";
import {
  authProvidersResponseSchema,
  oidcLogoutResponseSchema,
  sessionResponseSchema,
  type LoginRequest,
  type Permission,
  type SessionResponse,
} from "@pregao/contracts";
import { api, ApiError, call, type Parser } from "./api-client.ts";
import { queryKeys } from "./query-keys.ts";

/**
 * `GET /api/v1/session`: who is logged in and what they may do, or `null` when nobody is (401 UNAUTHENTICATED /
 * SESSION_EXPIRED). Never retried on 401 and never refetched on its own: the socket and API errors tell the app when
 * the session ends.
 */
export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.session.current,
    queryFn: async ({ signal }): Promise<SessionResponse | null> => {
      try {
        return await call((o) => api.session.$get({}, o), sessionResponseSchema, {
          signal,
          onSessionError: "throw",
        });
      } catch (err) {
        if (err instanceof ApiError && err.isSessionError) return null;
        throw err;
      }
    },
    staleTime: Infinity,
  });

/** `POST /api/v1/auth/login`. 401 (bad credentials) and 429 (lockout) come back as `ApiError`. */
export function login(req: LoginRequest): Promise<SessionResponse> {
  return call((o) => api.auth.login.$post({ json: req }, o), sessionResponseSchema, {
    onSessionError: "throw",
  });
}

/**
 * Log out. Password sessions: `POST /api/v1/auth/logout` (204). OIDC sessions: `POST /api/v1/auth/oidc/logout`, which
 * answers with the provider's end-session URL; the returned URL (if any) is where the browser must navigate next.
 * Either way the server ends every socket of this session.
 */
export async function logout(method: SessionResponse["method"]): Promise<string | null> {
  if (method === "oidc") {
    const r = await call((o) => api.auth.oidc.logout.$post({}, o), oidcLogoutResponseSchema, {
      onSessionError: "throw",
    });
    return r.endSession ? r.redirectTo : null;
  }
  await call((o) => api.auth.logout.$post({}, o), undefined, { onSessionError: "throw" });
  return null;
}

/** The SSO link: the BFF's OIDC start URL, asking it to return to `next` afterwards. */
export function ssoHref(loginUrl: string, next: string): string {
  if (next === "/") return loginUrl;
  return `${loginUrl}${loginUrl.includes("?") ? "&" : "?"}returnTo=${encodeURIComponent(next)}`;
}

/** `GET /api/v1/auth/providers` (public): which login methods the BFF offers. */
export interface AuthProviders {
  password: boolean;
  oidc: { enabled: boolean; loginUrl?: string };
}

/** The contracts' shape, with the SSO link kept only when it is safe to put in an href. */
const authProvidersParser: Parser<AuthProviders> = {
  parse(data) {
    const d = authProvidersResponseSchema.parse(data);
    const url = d.oidc.loginUrl;
    // A same-origin path or an http(s) URL; never `javascript:` or the like in an href.
    const loginUrl =
      typeof url === "string" && ((url.startsWith("/") && !url.startsWith("//")) || /^https?:\/\//.test(url))
        ? url
        : undefined;
    return { password: d.password, oidc: { enabled: d.oidc.enabled, loginUrl } };
  },
};

export const providersQueryOptions = () =>
  queryOptions({
    queryKey: queryKeys.session.providers,
    queryFn: ({ signal }) =>
      call((o) => api.auth.providers.$get({}, o), authProvidersParser, { signal, onSessionError: "throw" }),
    staleTime: 5 * 60_000,
    retry: 1,
  });

/** Whether the session grants `permission`. */
export const can = (session: SessionResponse | null | undefined, permission: Permission): boolean =>
  session?.permissions.includes(permission) ?? false;
