import { sessionResponse } from "../../session/response.ts";
import type { Session } from "../../session/types.ts";
import { routeApp } from "../route-app.ts";
import { sessionDefs } from "./defs.ts";

export interface SessionRouteDeps {
  sessions: { idleExpiresAt(session: Session): number };
}

/** `GET /api/v1/session`: who is logged in and what they may do (401 handled by requirePermission). */
export const sessionRoute = (deps: SessionRouteDeps) =>
  routeApp().openapi(sessionDefs.current, (c) => {
    const session = c.get("session")!;
    c.header("Cache-Control", "no-store");
    return c.json(sessionResponse(session, deps.sessions.idleExpiresAt(session)), 200);
  });
