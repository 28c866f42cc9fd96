import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { permissionsOf } from "@pregao/contracts";
import type { AppEnv } from "../../src/app-env.ts";
import { silentLogger } from "../../src/lib/logger.ts";
import {
  MemorySessionStore,
  SessionService,
  readSessionCookie,
  type AuditEvent,
} from "../../src/session/index.ts";
import { createOidc, oidcConfigShape, parseOidcSettings } from "../../src/session/oidc/index.ts";
import { z } from "zod";

export interface OidcBff {
  url: string;
  audit: AuditEvent[];
  close(): Promise<void>;
}

/** TEMPORARY composition until app.ts wires sessions: the OIDC routes + SessionService + GET /api/v1/session. */
export async function startOidcBff(env: Record<string, string>): Promise<OidcBff> {
  const audit: AuditEvent[] = [];
  const { settings } = parseOidcSettings(z.object(oidcConfigShape).parse(env));
  if (!settings) throw new Error("oidc settings");
  const sessions = new SessionService({
    store: new MemorySessionStore(),
    idleMs: 60_000,
    absoluteMs: 600_000,
  });
  const oidc = createOidc({
    settings,
    sessions,
    audit: { record: (e) => audit.push(e) },
    logger: silentLogger,
  });
  const app = new Hono<AppEnv>()
    .use(requestId())
    .route("/api/v1/auth/oidc", oidc.routes)
    .get("/api/v1/session", async (c) => {
      const r = await sessions.resolve(readSessionCookie(c.req.header("cookie")));
      if (!r.ok) return c.json({ error: { code: "UNAUTHENTICATED", message: "no" } }, 401);
      const s = r.session;
      return c.json({ user: s.user, method: s.method, permissions: permissionsOf(s.user.roles) });
    });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    audit,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
