import type { ClientEventName, Permission } from "@pregao/contracts";

/** `public`: anyone; `session`: any logged-in user; a permission: a user whose roles grant it. */
export type Access = "public" | "session" | Permission;

export interface HttpRule {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route path as Hono registers it (`app.routes`). */
  path: string;
  access: Access;
  /** Mounted only in some configurations (OIDC configured, SPA built). */
  optional?: true;
}

/**
 * EVERY HTTP route and socket event with what it requires — the one place access is decided. requirePermission and
 * the socket guard read it; a test fails when a registered route or a ClientToServerEvents name has no entry, and the
 * role × route/event matrix test is generated from it. A route without an entry is refused (403), never open.
 */
export const httpAccess: readonly HttpRule[] = [
  // Infrastructure probes (load balancer, orchestrator): no user data.
  { method: "GET", path: "/health/live", access: "public" },
  { method: "GET", path: "/health/ready", access: "public" },
  // Login and logout: the perimeter's CSRF and login rate limits guard them.
  { method: "POST", path: "/api/v1/auth/login", access: "public" },
  { method: "POST", path: "/api/v1/auth/logout", access: "public" },
  { method: "GET", path: "/api/v1/auth/providers", access: "public" },
  { method: "GET", path: "/api/v1/auth/oidc/login", access: "public", optional: true },
  { method: "GET", path: "/api/v1/auth/oidc/callback", access: "public", optional: true },
  { method: "POST", path: "/api/v1/auth/oidc/logout", access: "public", optional: true },
  { method: "GET", path: "/api/v1/session", access: "session" },
  { method: "GET", path: "/api/v1/accounts", access: "accounts:read:own" },
  { method: "GET", path: "/api/v1/instruments", access: "market:read" },
  { method: "GET", path: "/api/v1/instruments/:asset", access: "market:read" },
  { method: "GET", path: "/api/v1/candles", access: "market:read" },
  { method: "GET", path: "/api/v1/stats", access: "feed:detail" },
  // Service-token public keys: the backend services fetch them without credentials; public halves only.
  { method: "GET", path: "/.well-known/jwks.json", access: "public" },
  // Trading (forwarded to the order manager / risk service with a service token for the session user).
  { method: "POST", path: "/api/v1/orders", access: "orders:write" },
  // Own accounts' orders; a risk user (accounts:read:all) sees every order — the service reads the token's roles.
  { method: "GET", path: "/api/v1/orders", access: "accounts:read:own" },
  { method: "GET", path: "/api/v1/orders/:id", access: "accounts:read:own" },
  { method: "DELETE", path: "/api/v1/orders/:id", access: "orders:write" },
  { method: "POST", path: "/api/v1/orders/cancel-all", access: "orders:write" },
  { method: "GET", path: "/api/v1/positions", access: "accounts:read:own" },
  // Limits and kill-switch state: every trader/risk user sees them (the banner, the daily-loss gauge).
  { method: "GET", path: "/api/v1/risk/limits", access: "accounts:read:own" },
  { method: "PUT", path: "/api/v1/risk/limits", access: "risk:write" },
  { method: "POST", path: "/api/v1/risk/kill-switch", access: "risk:write" },
  { method: "POST", path: "/api/v1/risk/kill-switch/deactivate", access: "risk:write" },
  { method: "GET", path: "/api/v1/risk/audit", access: "risk:write" },
  // The session user's own workspace (keyed by their user id; nobody reads another's): every logged-in role.
  { method: "GET", path: "/api/v1/workspace", access: "session" },
  { method: "PUT", path: "/api/v1/workspace", access: "session" },
  { method: "DELETE", path: "/api/v1/workspace", access: "session" },
  // The API description (generated from the zod schemas); no data, so public like the SPA.
  { method: "GET", path: "/api/v1/openapi.json", access: "public" },
  // Runtime settings the SPA needs before login (Sentry DSN, which is public by design); no user data.
  { method: "GET", path: "/api/v1/client-config", access: "public" },
  // Runbooks (docs/runbooks/*.md) linked from the ops health panel.
  { method: "GET", path: "/runbooks/:name", access: "ops:read" },
  // The built SPA (static files + index.html fallback): it shows the login page; data comes from the API.
  { method: "GET", path: "/*", access: "public", optional: true },
];

/** Every client → server socket event. `Record<ClientEventName, …>` makes a missing event a type error too. */
export const socketAccess: Readonly<Record<ClientEventName, Access>> = {
  "quotes:subscribe": "market:read",
  "quotes:unsubscribe": "market:read",
  "trades:subscribe": "market:read",
  "trades:unsubscribe": "market:read",
  "book:subscribe": "market:read",
  "book:unsubscribe": "market:read",
  "ops:subscribe": "ops:read",
  "ops:unsubscribe": "ops:read",
  // Every logged-in user measures their own socket latency (the status strip).
  "connection:ping": "session",
  // The chart's forming bar: market data, like quotes.
  "candles:subscribe": "market:read",
  "candles:unsubscribe": "market:read",
};

const byKey = new Map(httpAccess.map((r) => [`${r.method} ${r.path}`, r]));

/** The rule for a registered route, or undefined (→ refused). */
export function httpRule(method: string, path: string): HttpRule | undefined {
  return byKey.get(`${method} ${path}`);
}

/** Whether `permissions` satisfy `access` for a logged-in user. */
export function allows(access: Access, permissions: readonly Permission[]): boolean {
  return access === "public" || access === "session" || permissions.includes(access);
}
