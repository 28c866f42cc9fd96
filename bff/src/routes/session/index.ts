import { Hono } from "hono";
import type { AppEnv } from "../../app-env.ts";
import { sessionResponse } from "../../session/response.ts";
import type { Session } from "../../session/types.ts";

export interface SessionRouteDeps {
  sessions: { idleExpiresAt(session: Session): number };
}

/** `GET /api/v1/session`: who is logged in and what they may do (401 handled by requirePermission). */
export const sessionRoute = (deps: SessionRouteDeps) =>
  new Hono<AppEnv>().get("/", (c) => {
    const session = c.get("session")!;
    c.header("Cache-Control", "no-store");
    return c.json(sessionResponse(session, deps.sessions.idleExpiresAt(session)), 200);
  });
