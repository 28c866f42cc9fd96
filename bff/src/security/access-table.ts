import type { ClientEventName, Permission } from "@pregao/contracts";
import { honoPath, type Access } from "../routes/route-def.ts";
import { routeTable } from "../routes/route-table.ts";

export type { Access };

export interface HttpRule {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The route path as Hono registers it (`app.routes`). */
  path: string;
  access: Access;
  /** Mounted only in some configurations (SPA built). */
  optional?: true;
}

/**
 * EVERY HTTP route and socket event with what it requires — the one place access is decided. The HTTP rules are
 * built from the route table (routes/route-table.ts: each route states its own access next to its schemas).
 * requirePermission and the socket guard read them; a test fails when a registered route or a ClientToServerEvents
 * name has no entry, another pins every rule, and the role × route/event matrix test is generated from them. A route
 * without an entry is refused (403), never open.
 */
export const httpAccess: readonly HttpRule[] = routeTable.map((r) => ({
  method: r.method.toUpperCase() as HttpRule["method"],
  path: honoPath(r.path),
  access: r.access,
  ...(r.optional ? { optional: true as const } : {}),
}));

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
