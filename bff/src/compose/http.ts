import type { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "../app.ts";
import type { AuditReader } from "../audit/reader.ts";
import type { Config } from "../env.ts";
import type { Logger } from "../lib/logger.ts";
import { httpTelemetry } from "../observability/http-telemetry.ts";
import type { BffMetrics } from "../observability/metrics.ts";
import { clientConfigFrom } from "../routes/client-config/index.ts";
import type { Services } from "../services/index.ts";
import type { ComposedWorkspace } from "../workspace/compose.ts";
import type { ComposedFeed } from "./feed.ts";
import type { ComposedObservability } from "./observability.ts";
import type { ComposedPerimeter } from "./perimeter.ts";
import type { ComposedSessions } from "./sessions.ts";

export interface ComposedHttp {
  server: HttpServer;
  /** The bound port (PORT=0 → the ephemeral one). */
  port: number;
  /** Cuts every HTTP connection and closes the listener if socket.io has not already closed it. */
  dispose(): Promise<void>;
}

/** The Hono app over every area, listening on HOST:PORT (resolves once it listens). */
export async function composeHttp(deps: {
  config: Config;
  logger: Logger;
  metrics: BffMetrics;
  perimeter: ComposedPerimeter;
  sessions: ComposedSessions;
  feed: ComposedFeed;
  services: Services;
  observability: ComposedObservability;
  workspace: ComposedWorkspace;
  /** The database audit trail's reader for the Audit panel's routes; null (AUDIT_STORE=off) → they answer 503. */
  auditTrail: AuditReader | null;
  stats(): Record<string, unknown>;
}): Promise<ComposedHttp> {
  const { config, logger, sessions, feed, services, workspace } = deps;
  const app = createApp({
    perimeter: deps.perimeter.perimeter,
    sessions: sessions.sessions,
    users: sessions.users,
    audit: sessions.audit,
    ...(sessions.oidc ? { oidc: sessions.oidc } : {}),
    logger,
    catalog: feed.feed.catalog,
    candles: feed.bars,
    feedStatus: () => feed.feed.status.current(),
    readyMaxFeedAgeMs: config.READY_MAX_FEED_AGE_MS,
    health: deps.observability.health,
    runbooksDir: config.RUNBOOKS_DIR,
    stats: deps.stats,
    webDist: config.WEB_DIST,
    services,
    jwks: () => services.keys.jwks(),
    clientConfig: clientConfigFrom(config),
    telemetry: httpTelemetry({ logger, metrics: deps.metrics }),
    workspace: { service: workspace.service, maxBytes: workspace.maxBytes },
    auditTrail: deps.auditTrail,
  });
  const server = await new Promise<HttpServer>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () =>
      resolve(s as HttpServer),
    );
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    dispose: async () => {
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
