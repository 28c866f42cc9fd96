import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Hono } from "hono";
import { requestId, type RequestIdVariables } from "hono/request-id";
import { serveStatic } from "@hono/node-server/serve-static";
import { ZodError } from "zod";
import { BrokenCircuitError } from "cockatiel";
import type { ErrorEnvelope } from "@pregao/contracts";
import { HttpError } from "./lib/http-error.ts";
import type { Logger } from "./lib/logger.ts";
import { healthRoute, type HealthDeps } from "./routes/health/index.ts";
import { instrumentsRoute, type InstrumentsDeps } from "./routes/instruments/index.ts";
import { statsRoute, type StatsDeps } from "./routes/stats/index.ts";

export interface AppDeps extends InstrumentsDeps, HealthDeps, StatsDeps {
  logger: Logger;
  /** Built SPA directory; served (with index.html fallback) when it exists. */
  webDist?: string | null;
}

type Env = { Variables: RequestIdVariables };

function envelope(code: ErrorEnvelope["error"]["code"], message: string, requestId: string, field?: string) {
  const error: ErrorEnvelope["error"] = { code, message, requestId };
  if (field !== undefined) error.field = field;
  return { error } satisfies ErrorEnvelope;
}

/** Builds the Hono app: request ids, `/api/v1/*`, `/health/*`, the SPA, and one error envelope. */
export function createApp(deps: AppDeps) {
  const app = new Hono<Env>()
    .use(requestId())
    .route("/health", healthRoute(deps))
    .route("/api/v1/instruments", instrumentsRoute(deps))
    .route("/api/v1/stats", statsRoute(deps));

  app.onError((err, c) => {
    const id = c.get("requestId");
    if (err instanceof HttpError) return c.json(envelope(err.code, err.message, id, err.field), err.status);
    if (err instanceof ZodError) {
      const issue = err.issues[0];
      return c.json(
        envelope("VALIDATION_FAILED", issue?.message ?? "invalid", id, issue?.path.join(".")),
        400,
      );
    }
    if (err instanceof BrokenCircuitError)
      return c.json(envelope("UPSTREAM_UNAVAILABLE", "upstream unavailable", id), 503);
    deps.logger.error({ err, requestId: id }, "unhandled error");
    return c.json(envelope("INTERNAL", "internal error", id), 500);
  });
  app.notFound((c) => c.json(envelope("NOT_FOUND", "not found", c.get("requestId")), 404));

  const dist = deps.webDist;
  if (dist && existsSync(dist)) {
    const isApi = (path: string) => path.startsWith("/api/") || path.startsWith("/health/");
    app.use("*", async (c, next) => (isApi(c.req.path) ? next() : serveStatic({ root: dist })(c, next)));
    app.get("*", async (c, next) => {
      if (isApi(c.req.path) || c.req.method !== "GET") return next();
      const html = await readFile(join(dist, "index.html"), "utf8").catch(() => null);
      return html === null ? next() : c.html(html);
    });
  }
  return app;
}

/** The BFF's HTTP API type for the Hono RPC client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
