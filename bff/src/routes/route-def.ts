import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { ZodType } from "zod";
import type { Permission } from "@pregao/contracts";

/** `public`: anyone; `session`: any logged-in user; a permission: a user whose roles grant it. */
export type Access = "public" | "session" | Permission;

/** Error statuses a route answers with the error envelope (contracts' `ErrorEnvelope`). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 428 | 429 | 503;

/** What each error status means across the API (the codes of contracts' ErrorCode union). */
const errorText: Record<ErrorStatus, string> = {
  400: "VALIDATION_FAILED (field names the input)",
  401: "UNAUTHENTICATED / SESSION_EXPIRED",
  403: "FORBIDDEN (role, account) / RISK_REJECTED (message = risk reason) / CSRF_REJECTED",
  404: "NOT_FOUND",
  409: "CONFLICT / IDEMPOTENCY_KEY_REUSED (field idempotencyKey, details.fields) / WORKSPACE_CONFLICT (details.current)",
  413: "PAYLOAD_TOO_LARGE",
  415: "VALIDATION_FAILED: the body is not application/json",
  422: "RISK_REJECTED: order limit (details.rule MAX_ORDER_QUANTITY | MAX_ORDER_NOTIONAL | PRICE_COLLAR_HARD, numbers)",
  428: "CONFIRMATION_REQUIRED (details.rule PRICE_COLLAR: resend with confirm and the same idempotencyKey)",
  429: "RATE_LIMITED",
  503: "UPSTREAM_UNAVAILABLE (details.service names the service)",
};

/** The OpenAPI component every error response points at (registered by routes/openapi/document.ts). */
export const ERROR_ENVELOPE_REF = "#/components/schemas/ErrorEnvelope";

/** The facts a route states besides its OpenAPI operation. */
interface RouteFacts {
  access: Access;
  /** Error statuses the handler itself answers (documented); the access layer's 401/403 are added when not public. */
  errors?: readonly ErrorStatus[];
  /** Mounted only in some configurations (the built SPA). */
  optional?: true;
}

/** One entry of the route table: an OpenAPI route (what `app.openapi` mounts) that also knows its access rule. */
export type RouteDef<R extends RouteConfig = RouteConfig> = R & {
  getRoutingPath(): string;
  /** Who may call it (security/access-table.ts is built from these). */
  readonly access: Access;
  /** Absent in some configurations, so a test of the mounted app does not require it. */
  readonly optional: boolean;
};

/**
 * Defines one route: method, path (OpenAPI form, `{id}`), access rule, request schemas and responses. The result is
 * mounted with `app.openapi(def, handler)` (which validates the request with the same schemas and types the handler
 * and `hc<AppType>`), feeds the access table, and is described in `/api/v1/openapi.json` (unless `hide`).
 * `access` appears in the document as `x-access`; error responses point at the ErrorEnvelope component.
 */
export function defineRoute<const P extends string, const R extends Omit<RouteConfig, "path"> & { path: P }>(
  def: R & RouteFacts,
): RouteDef<Omit<R, keyof RouteFacts>> {
  const { access, errors = [], optional, ...config } = def;
  const statuses = [
    ...new Set<ErrorStatus>([...errors, ...(access === "public" ? [] : ([401, 403] as const))]),
  ];
  const responses: RouteConfig["responses"] = { ...config.responses };
  for (const s of statuses.sort((a, b) => a - b))
    responses[s] = {
      description: errorText[s],
      content: { "application/json": { schema: { $ref: ERROR_ENVELOPE_REF } } },
    };
  const route = createRoute({
    ...config,
    "x-access": access,
    ...(access === "public" ? { security: [] } : {}),
    responses,
  });
  // Not enumerable: `app.openapi` spreads the route into the document, which must not carry these.
  Object.defineProperty(route, "access", { value: access, enumerable: false });
  Object.defineProperty(route, "optional", { value: optional === true, enumerable: false });
  return route as unknown as RouteDef<Omit<R, keyof RouteFacts>>;
}

/** A required JSON request body. */
export const jsonBody = <S extends ZodType>(schema: S) => ({
  content: { "application/json": { schema } },
  required: true as const,
});

/** A JSON response with `schema`. */
export const jsonResponse = <S extends ZodType>(schema: S, description = "OK") => ({
  description,
  content: { "application/json": { schema } },
});

/** Converts the table's OpenAPI path (`/orders/{id}`) to Hono's (`/orders/:id`), as `app.routes` lists it. */
export const honoPath = (openApiPath: string): string => openApiPath.replace(/\{(\w+)\}/g, ":$1");
