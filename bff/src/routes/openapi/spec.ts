import { z } from "zod";
import {
  accountsResponseSchema,
  cancelAllResponseSchema,
  errorEnvelopeSchema,
  killSwitchActivateSchema,
  killSwitchDeactivateSchema,
  killSwitchResponseSchema,
  orderListQuerySchema,
  orderListResponseSchema,
  orderSchema,
  positionsResponseSchema,
  riskLimitsSchema,
  sessionResponseSchema,
  submitOrderSchema,
  updateRiskLimitsSchema,
  loginRequestSchema,
  clientConfigSchema,
  assetInfoSchema,
  instrumentParamSchema,
  instrumentsQuerySchema,
  instrumentsResponseSchema,
  candlesQuerySchema,
  candlesResponseSchema,
  workspaceSchema,
} from "@pregao/contracts";
import { orderIdParamSchema, riskAuditQuerySchema, riskAuditResponseSchema } from "../../lib/api-schemas.ts";
import { httpAccess } from "../../security/access-table.ts";

type Method = "GET" | "POST" | "PUT" | "DELETE";
interface Operation {
  method: Method;
  /** Hono path (`:id`); converted to `{id}`. */
  path: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  params?: z.ZodObject;
  ok: { status: number; schema?: z.ZodType; description?: string };
  /** Error statuses this operation can answer (besides 401/403 from the access layer). */
  errors?: number[];
}

const ANY = z.record(z.string(), z.unknown());

/** Every `/api/v1` operation with its zod schemas. The test checks it covers every /api/v1 access-table entry. */
export const operations: Operation[] = [
  {
    method: "POST",
    path: "/api/v1/auth/login",
    summary: "Password login",
    body: loginRequestSchema,
    ok: { status: 200, schema: sessionResponseSchema },
    errors: [400, 429],
  },
  { method: "POST", path: "/api/v1/auth/logout", summary: "Log out", ok: { status: 204 } },
  {
    method: "GET",
    path: "/api/v1/auth/providers",
    summary: "Login methods",
    ok: { status: 200, schema: ANY },
  },
  {
    method: "GET",
    path: "/api/v1/auth/oidc/login",
    summary: "Start OpenID Connect login (redirect)",
    ok: { status: 302 },
  },
  {
    method: "GET",
    path: "/api/v1/auth/oidc/callback",
    summary: "OpenID Connect callback (redirect)",
    ok: { status: 302 },
  },
  {
    method: "POST",
    path: "/api/v1/auth/oidc/logout",
    summary: "OpenID Connect logout",
    ok: { status: 200, schema: ANY },
  },
  {
    method: "GET",
    path: "/api/v1/client-config",
    summary: "Runtime settings the SPA needs before login (Sentry DSN or null)",
    ok: { status: 200, schema: clientConfigSchema },
  },
  {
    method: "GET",
    path: "/api/v1/session",
    summary: "The current session",
    ok: { status: 200, schema: sessionResponseSchema },
  },
  {
    method: "GET",
    path: "/api/v1/accounts",
    summary: "Own accounts (risk: all)",
    ok: { status: 200, schema: accountsResponseSchema },
  },
  {
    method: "GET",
    path: "/api/v1/instruments",
    summary:
      "Search (q: ticker prefix, then ticker/name/description contains), page (limit ≤ 100, cursor = nextCursor) or look up (assets=A,B; ≤ 100) instruments; ETag → 304 on If-None-Match",
    query: instrumentsQuerySchema,
    ok: {
      status: 200,
      schema: instrumentsResponseSchema,
      description: "one page (304 when the ETag matches)",
    },
    errors: [400, 503],
  },
  {
    method: "GET",
    path: "/api/v1/instruments/:asset",
    summary: "One instrument; ETag → 304 on If-None-Match",
    params: instrumentParamSchema,
    ok: { status: 200, schema: assetInfoSchema, description: "the instrument (304 when the ETag matches)" },
    errors: [400, 404, 503],
  },
  {
    method: "GET",
    path: "/api/v1/candles",
    summary:
      "OHLCV bars (1m, 5m, 15m, 60m, 1D; São Paulo time) from trade history + live trades: the newest `limit` (≤ 1000, default 300) bars with `from` (inclusive, optional; 400 unless before `to`) ≤ time < `to` (default now), ascending; a longer range is paged: nextTo = the `to` of the page before (null: no older data in the range)",
    query: candlesQuerySchema,
    ok: { status: 200, schema: candlesResponseSchema, description: "one page" },
    errors: [400, 404, 503],
  },
  { method: "GET", path: "/api/v1/stats", summary: "Debug counters", ok: { status: 200, schema: ANY } },
  {
    method: "POST",
    path: "/api/v1/orders",
    summary:
      "Submit an order (idempotent by idempotencyKey per user; 428 → resend with confirm and the same key; docs/trading.md)",
    body: submitOrderSchema,
    ok: {
      status: 201,
      schema: orderSchema,
      description: "created (200 when the idempotencyKey was already used for the same order: that order)",
    },
    errors: [400, 403, 409, 422, 428, 429, 503],
  },
  {
    method: "GET",
    path: "/api/v1/orders",
    summary: "Orders of the user's accounts (risk: all)",
    query: orderListQuerySchema,
    ok: { status: 200, schema: orderListResponseSchema },
    errors: [400, 503],
  },
  {
    method: "GET",
    path: "/api/v1/orders/:id",
    summary: "One order",
    params: orderIdParamSchema,
    ok: { status: 200, schema: orderSchema },
    errors: [404, 503],
  },
  {
    method: "DELETE",
    path: "/api/v1/orders/:id",
    summary: "Cancel an order",
    params: orderIdParamSchema,
    ok: { status: 200, schema: orderSchema },
    errors: [404, 409, 503],
  },
  {
    method: "POST",
    path: "/api/v1/orders/cancel-all",
    summary: "Cancel every working order of the user",
    ok: { status: 200, schema: cancelAllResponseSchema },
    errors: [503],
  },
  {
    method: "GET",
    path: "/api/v1/positions",
    summary: "Positions and P&L (risk: all accounts)",
    ok: { status: 200, schema: positionsResponseSchema },
    errors: [503],
  },
  {
    method: "GET",
    path: "/api/v1/risk/limits",
    summary: "Risk limits and kill-switch state",
    ok: { status: 200, schema: riskLimitsSchema },
    errors: [503],
  },
  {
    method: "PUT",
    path: "/api/v1/risk/limits",
    summary: "Update risk limits",
    body: updateRiskLimitsSchema,
    ok: { status: 200, schema: riskLimitsSchema },
    errors: [400, 503],
  },
  {
    method: "POST",
    path: "/api/v1/risk/kill-switch",
    summary: "Activate the kill switch (cancels working orders by default)",
    body: killSwitchActivateSchema,
    ok: { status: 200, schema: killSwitchResponseSchema },
    errors: [400, 503],
  },
  {
    method: "POST",
    path: "/api/v1/risk/kill-switch/deactivate",
    summary: "Deactivate the kill switch",
    body: killSwitchDeactivateSchema,
    ok: { status: 200, schema: killSwitchResponseSchema },
    errors: [400, 503],
  },
  {
    method: "GET",
    path: "/api/v1/risk/audit",
    summary: "Per-order risk-check records",
    query: riskAuditQuerySchema,
    ok: { status: 200, schema: riskAuditResponseSchema },
    errors: [503],
  },
  {
    method: "GET",
    path: "/api/v1/workspace",
    summary:
      "The user's workspace (layouts, watchlists, preferences); revision 0 = the role's default, nothing saved",
    ok: { status: 200, schema: workspaceSchema },
    errors: [503],
  },
  {
    method: "PUT",
    path: "/api/v1/workspace",
    summary:
      "Save the workspace; `revision` is the one it was read at (409 WORKSPACE_CONFLICT, details.current, when stale); docs/workspace.md",
    body: workspaceSchema,
    ok: { status: 200, schema: workspaceSchema, description: "saved, with the new revision" },
    errors: [400, 409, 503],
  },
  {
    method: "DELETE",
    path: "/api/v1/workspace",
    summary: "Reset the workspace to the role's default (revision 0)",
    ok: { status: 200, schema: workspaceSchema },
    errors: [503],
  },
  { method: "GET", path: "/api/v1/openapi.json", summary: "This document", ok: { status: 200, schema: ANY } },
];

const json = (schema: z.ZodType, io: "input" | "output") => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    reused: "inline",
  }) as Record<string, unknown>;
  return rest;
};
const errorRef = { $ref: "#/components/schemas/ErrorEnvelope" };
const errorText: Record<number, string> = {
  400: "VALIDATION_FAILED (field names the input)",
  401: "UNAUTHENTICATED / SESSION_EXPIRED",
  403: "FORBIDDEN (role, account) / RISK_REJECTED (message = risk reason) / CSRF_REJECTED",
  404: "NOT_FOUND",
  409: "CONFLICT / IDEMPOTENCY_KEY_REUSED (field idempotencyKey, details.fields) / WORKSPACE_CONFLICT (details.current)",
  422: "RISK_REJECTED: order limit (details.rule MAX_ORDER_QUANTITY | MAX_ORDER_NOTIONAL | PRICE_COLLAR_HARD, numbers)",
  428: "CONFIRMATION_REQUIRED (details.rule PRICE_COLLAR: resend with confirm and the same idempotencyKey)",
  429: "RATE_LIMITED",
  503: "UPSTREAM_UNAVAILABLE (details.service names the service)",
};

/** Builds the OpenAPI 3.1 document for `/api/v1` from the zod schemas and the access table. */
export function buildOpenApi(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const access = httpAccess.find((r) => r.method === op.method && r.path === op.path)?.access ?? "session";
    const parameters = [
      ...Object.entries(op.params?.shape ?? {}).map(([name, s]) => ({
        name,
        in: "path",
        required: true,
        schema: json(s as z.ZodType, "input"),
      })),
      ...Object.entries(op.query?.shape ?? {}).map(([name, s]) => ({
        name,
        in: "query",
        required: !(s as z.ZodType).safeParse(undefined).success,
        schema: json(s as z.ZodType, "input"),
      })),
    ];
    const statuses = new Set([...(op.errors ?? []), ...(access === "public" ? [] : [401, 403])]);
    const responses: Record<string, unknown> = {
      [op.ok.status]: {
        description: op.ok.description ?? "OK",
        ...(op.ok.schema
          ? { content: { "application/json": { schema: json(op.ok.schema, "output") } } }
          : {}),
      },
    };
    for (const s of [...statuses].sort())
      responses[s] = {
        description: errorText[s] ?? "error",
        content: { "application/json": { schema: errorRef } },
      };
    const openPath = op.path.replace(/:(\w+)/g, "{$1}");
    paths[openPath] ??= {};
    paths[openPath][op.method.toLowerCase()] = {
      summary: op.summary,
      "x-access": access,
      ...(access === "public" ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: json(op.body, "input") } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Pregão BFF API",
      version: "1",
      description:
        "Session cookie auth (`__Host-pregao_sid`); state-changing requests need the `x-pregao-csrf` header and a same-origin Origin. `x-access` names the permission (bff/src/security/access-table.ts).",
    },
    servers: [{ url: "/" }],
    components: {
      schemas: { ErrorEnvelope: json(errorEnvelopeSchema, "output") },
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: "__Host-pregao_sid" } },
    },
    security: [{ session: [] }],
    paths,
  };
}
