import { permissionsOf, type SessionResponse } from "@pregao/contracts";
import type { Session } from "./types.ts";

/** The body of `GET /api/v1/session` and of a successful login: who, what they may do, until when. */
export function sessionResponse(session: Session, idleExpiresAt: number): SessionResponse {
  return {
    user: session.user,
    permissions: permissionsOf(session.user.roles),
    expiresAt: session.absoluteExpiresAt,
    idleExpiresAt,
    method: session.method,
  };
}
