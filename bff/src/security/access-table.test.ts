import { describe, expect, it } from "vitest";
import { httpAccess } from "./access-table.ts";

/**
 * The access rules as they stood before the route table existed (copied from the hand-written access-table.ts).
 * The table is now built from each route's definition, so an accidental change of a route's access shows up here.
 * Changing access on purpose means changing this list in the same commit.
 */
const pinned: Record<string, string> = {
  "GET /health/live": "public",
  "GET /health/ready": "public",
  "POST /api/v1/auth/login": "public",
  "POST /api/v1/auth/logout": "public",
  "GET /api/v1/auth/providers": "public",
  "GET /api/v1/auth/oidc/login": "public",
  "GET /api/v1/auth/oidc/callback": "public",
  "POST /api/v1/auth/oidc/logout": "public",
  "GET /api/v1/session": "session",
  "GET /api/v1/accounts": "accounts:read:own",
  "GET /api/v1/instruments": "market:read",
  "GET /api/v1/instruments/:asset": "market:read",
  "GET /api/v1/candles": "market:read",
  "GET /api/v1/stats": "feed:detail",
  "GET /.well-known/jwks.json": "public",
  "POST /api/v1/orders": "orders:write",
  "GET /api/v1/orders": "accounts:read:own",
  "GET /api/v1/orders/:id": "accounts:read:own",
  "DELETE /api/v1/orders/:id": "orders:write",
  "POST /api/v1/orders/cancel-all": "orders:write",
  "GET /api/v1/positions": "accounts:read:own",
  "GET /api/v1/risk/limits": "accounts:read:own",
  "PUT /api/v1/risk/limits": "risk:write",
  "POST /api/v1/risk/kill-switch": "risk:write",
  "POST /api/v1/risk/kill-switch/deactivate": "risk:write",
  "GET /api/v1/risk/audit": "risk:write",
  "GET /api/v1/workspace": "session",
  "PUT /api/v1/workspace": "session",
  "DELETE /api/v1/workspace": "session",
  "GET /api/v1/audit": "audit:read",
  "GET /api/v1/audit/export": "audit:read",
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/client-config": "public",
  "GET /runbooks/:name": "ops:read",
  "GET /*": "public",
};

describe("access table (built from the route table)", () => {
  it("gives every route the access it had before, and has no route more or less", () => {
    const built = Object.fromEntries(httpAccess.map((r) => [`${r.method} ${r.path}`, r.access]));
    expect(built).toEqual(pinned);
  });

  it("lists each method + path once", () => {
    const keys = httpAccess.map((r) => `${r.method} ${r.path}`);
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("marks only the SPA fallback optional (mounted when the web build exists)", () => {
    expect(httpAccess.filter((r) => r.optional).map((r) => r.path)).toEqual(["/*"]);
  });
});
