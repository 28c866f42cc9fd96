import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { serveStatic } from "@hono/node-server/serve-static";
import { ZodError } from "zod";
import { BrokenCircuitError } from "cockatiel";
import type { ClientConfig, ErrorEnvelope } from "@pregao/contracts";
import type { JSONWebKeySet } from "jose";
import type { AppEnv } from "./app-env.ts";
import type { UserDirectory } from "./identity/user.ts";
import { HttpError } from "./lib/http-error.ts";
import type { Logger } from "./lib/logger.ts";
import { accountsRoute } from "./routes/accounts/index.ts";
import { auditRoute, type AuditTrailDeps } from "./routes/audit/index.ts";
import { authRoute } from "./routes/auth/index.ts";
import { clientConfigRoute } from "./routes/client-config/index.ts";
import { healthRoute, type HealthDeps } from "./routes/health/index.ts";
import { instrumentsRoute, type InstrumentsDeps } from "./routes/instruments/index.ts";
import { sessionRoute } from "./routes/session/index.ts";
import { statsRoute, type StatsDeps } from "./routes/stats/index.ts";
import { jwksRoute } from "./routes/jwks/index.ts";
import { oidcRoute } from "./routes/oidc/index.ts";
import { openApiDocument } from "./routes/openapi/document.ts";
import { openapiRoute } from "./routes/openapi/index.ts";
import { ordersRoute } from "./routes/orders/index.ts";
import { positionsRoute } from "./routes/positions/index.ts";
import { riskRoute } from "./routes/risk/index.ts";
import { runbooksRoute, type RunbooksDeps } from "./routes/runbooks/index.ts";
import { candlesRoute, type CandlesSource } from "./routes/candles/index.ts";
import { routeApp } from "./routes/route-app.ts";
import { spaDefs } from "./routes/spa/defs.ts";
import { WORKSPACE_PATH, workspaceRoute, type WorkspaceDeps } from "./routes/workspace/index.ts";
import { unavailableServices, type ServiceCaller } from "./services/index.ts";
import { defaultPerimeterConfig } from "./security/config.ts";
import { createPerimeter, type Perimeter } from "./security/perimeter.ts";
import { requirePermission } from "./security/require-permission.ts";
import { noopAudit, type AuditSink } from "./session/audit-sink.ts";
import { sessionMiddleware } from "./session/middleware.ts";
import type { Oidc } from "./session/oidc/index.ts";
import type { SessionService } from "./session/session-service.ts";

export interface AppDeps
  extends InstrumentsDeps, HealthDeps, StatsDeps, RunbooksDeps, WorkspaceDeps, AuditTrailDeps {
  logger: Logger;
  /** Built SPA directory; served (with index.html fallback) when it exists. */
  webDist?: string | null;
  /** Secure headers, body limit, CSRF, rate limits (security/perimeter.ts); defaults when absent (unit tests). */
  perimeter?: Perimeter;
  /** Server-side sessions (session/); every request resolves its cookie here. */
  sessions: SessionService;
  /** Local users (identity/): password login and the accounts list. */
  users: UserDirectory;
  /** Audit log sink (security/audit.ts in production); a no-op when absent. */
  audit?: AuditSink;
  /** OpenID Connect login (session/oidc/); absent → its routes (routes/oidc/) answer 404. */
  oidc?: Oidc;
  /** Backend service clients (services/); absent → every trading call answers 503 (unit tests). */
  services?: { orderManager: ServiceCaller; risk: ServiceCaller };
  /** Runtime settings for the SPA (`/api/v1/client-config`, routes/client-config/); absent → Sentry off. */
  clientConfig?: ClientConfig;
  /** Public service-token keys for `/.well-known/jwks.json`; absent → an empty set. */
  jwks?: () => JSONWebKeySet;
  /** Per-request span, access log, request context, HTTP metric (observability/http-telemetry.ts); absent → none. */
  telemetry?: MiddlewareHandler<AppEnv>;
  /** OHLCV bars (bars/bar-store.ts) for `/api/v1/candles`; absent → 503. */
  candles?: CandlesSource;
}

function envelope(
  code: ErrorEnvelope["error"]["code"],
  message: string,
  requestId: string,
  field?: string,
  details?: unknown,
) {
  const error: ErrorEnvelope["error"] = { code, message, requestId };
  if (field !== undefined) error.field = field;
  if (details !== undefined) error.details = details;
  return { error } satisfies ErrorEnvelope;
}

/** Builds the Hono app: request ids, `/api/v1/*`, `/health/*`, the SPA, and one error envelope. */
export function createApp(deps: AppDeps) {
  const perimeter = deps.perimeter ?? createPerimeter(defaultPerimeterConfig, { allowedOrigins: () => [] });
  const audit = deps.audit ?? noopAudit;
  const trading = {
    services: deps.services ?? unavailableServices,
    audit,
    // The order route checks the tick grid before calling the order manager (routes/orders/tick-grid.ts).
    tickSizeOf: (asset: string) =>
      (deps.catalog.get ? deps.catalog.get(asset) : deps.catalog.list().find((i) => i.asset === asset))
        ?.tickSize,
  };
  const root = routeApp();
  const app = root
    .use(requestId())
    .use(perimeter.clientAddressMiddleware) // before anything that logs, limits or audits by address
    .use(deps.telemetry ?? ((_c, next) => next()))
    // --- perimeter (security/): headers on every response; body limit, CSRF on /api ---
    .use(perimeter.headers)
    // The workspace PUT has its own, larger cap (WORKSPACE_MAX_BYTES → 400 naming `body`; routes/workspace/).
    .use("/api/*", (c, next) => (c.req.path === WORKSPACE_PATH ? next() : perimeter.bodyLimit(c, next)))
    .use("/api/*", perimeter.csrf)
    // --- end perimeter ---
    // --- session (session/): resolve the cookie → c.get("session") for everything after ---
    .use("/api/*", sessionMiddleware(deps.sessions))
    .use("/runbooks/*", sessionMiddleware(deps.sessions)) // runbooks are for ops:read holders
    // --- perimeter: API rate limit per session (needs the session) ---
    .use("/api/*", perimeter.apiLimit)
    // --- access (security/access-table.ts): every matched route checked against the one table ---
    .use("*", requirePermission(audit))
    // --- routes: each module mounts its entries of the route table (routes/route-table.ts) at their full paths ---
    .route("/", healthRoute(deps))
    .route("/", runbooksRoute(deps))
    .route(
      "/",
      authRoute({ ...deps, audit, loginGuard: perimeter.loginGuard, oidcEnabled: deps.oidc !== undefined }),
    )
    .route("/", oidcRoute(deps.oidc))
    .route("/", sessionRoute(deps))
    .route("/", clientConfigRoute(deps.clientConfig ?? { sentry: null }))
    .route("/", accountsRoute(deps))
    .route("/", instrumentsRoute(deps))
    .route("/", candlesRoute(deps))
    .route("/", statsRoute(deps))
    .route("/", ordersRoute(trading))
    .route("/", positionsRoute(trading))
    .route("/", riskRoute(trading))
    .route("/", workspaceRoute(deps))
    .route("/", auditRoute(deps))
    .route(
      "/",
      openapiRoute(() => openApiDocument(root)),
    )
    .route("/", jwksRoute({ jwks: deps.jwks ?? (() => ({ keys: [] })) }));

  app.onError((err, c) => {
    const id = c.get("requestId");
    if (err instanceof HttpError)
      return c.json(envelope(err.code, err.message, id, err.field, err.details), err.status);
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      return c.json(
        envelope("VALIDATION_FAILED", issue?.message ?? "invalid", id, issue?.path.join(".")),
        400,
      );
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Framework-level refusals (malformed JSON body and the like) are the client's fault, never a 5xx.
      const code = err.status === 413 ? "PAYLOAD_TOO_LARGE" : "VALIDATION_FAILED";
      return c.json(envelope(code, err.message || "invalid request", id), err.status);
    }
    if (err instanceof BrokenCircuitError)
      return c.json(envelope("UPSTREAM_UNAVAILABLE", "upstream unavailable", id), 503);
    deps.logger.error({ err, requestId: id }, "unhandled error");
    return c.json(envelope("INTERNAL", "internal error", id), 500);
  });
  app.notFound((c) => c.json(envelope("NOT_FOUND", "not found", c.get("requestId")), 404));

  const dist = deps.webDist;
  if (dist && existsSync(dist)) {
    const isApi = (path: string) =>
      path.startsWith("/api/") ||
      path.startsWith("/health/") ||
      path.startsWith("/.well-known/") ||
      path.startsWith("/runbooks/");
    // The build emits hidden source maps for Sentry; browsers never get them (nor index.html in their place).
    const isSourceMap = (path: string) => path.endsWith(".map");
    app.use("*", async (c, next) =>
      isApi(c.req.path) || isSourceMap(c.req.path) ? next() : serveStatic({ root: dist })(c, next),
    );
    root.openapi(spaDefs.index, async (c, next) => {
      const html =
        isApi(c.req.path) || isSourceMap(c.req.path) || c.req.method !== "GET"
          ? null
          : await readFile(join(dist, "index.html"), "utf8").catch(() => null);
      if (html !== null) return c.html(html);
      await next(); // → notFound (the JSON envelope)
      return c.res;
    });
  }
  return app;
}

/** The BFF's HTTP API type for the Hono RPC client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
