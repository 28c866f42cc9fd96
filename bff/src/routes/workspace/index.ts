import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../../app-env.ts";
import { HttpError } from "../../lib/http-error.ts";
import { WorkspaceConflictError, type WorkspaceService } from "../../workspace/service.ts";
import { routeApp } from "../route-app.ts";
import { WORKSPACE_PATH, workspaceDefs } from "./defs.ts";

export { WORKSPACE_PATH };

export interface WorkspaceDeps {
  /** Absent (unit tests without a store) → 503. */
  workspace?: { service: WorkspaceService; maxBytes: number };
}

const unavailable = () =>
  new HttpError(503, "UPSTREAM_UNAVAILABLE", "workspace store unavailable", undefined, {
    service: "workspace",
  });

/** A body that is not JSON → 400 naming `body` (zValidator's own message names nothing). */
const jsonBody: MiddlewareHandler<AppEnv> = async (c, next) => {
  try {
    await c.req.json();
  } catch {
    throw new HttpError(400, "VALIDATION_FAILED", "body is not valid JSON", "body");
  }
  await next();
};

/**
 * `/api/v1/workspace`: the session user's own workspace (layouts, watchlists, preferences), keyed by user id only.
 * GET → saved (upgraded to the current schema) or the role's default at revision 0. PUT with the `revision` it was
 * read at → the new revision, or 409 WORKSPACE_CONFLICT with `details.current`. DELETE → back to the role's default.
 */
export const workspaceRoute = (deps: WorkspaceDeps) => {
  const maxBytes = deps.workspace?.maxBytes ?? 64 * 1024;
  const owner = (c: { get(key: "session"): AppEnv["Variables"]["session"] }) => {
    const { user } = c.get("session")!;
    return { id: user.id, roles: user.roles };
  };
  return routeApp()
    .openapi(workspaceDefs.read, async (c) => {
      if (!deps.workspace) throw unavailable();
      const body = await deps.workspace.service.read(owner(c));
      c.header("Cache-Control", "no-store");
      return c.json(body, 200);
    })
    .openapi(
      {
        ...workspaceDefs.save,
        // Before validation: this route's own (larger) size cap, and a non-JSON body named as `body`.
        middleware: [
          bodyLimit({
            maxSize: maxBytes,
            onError: () => {
              throw new HttpError(
                400,
                "VALIDATION_FAILED",
                `workspace larger than ${maxBytes} bytes`,
                "body",
                {
                  maxBytes,
                },
              );
            },
          }),
          jsonBody,
        ],
      },
      async (c) => {
        if (!deps.workspace) throw unavailable();
        try {
          const body = await deps.workspace.service.write(owner(c), c.req.valid("json"));
          return c.json(body, 200);
        } catch (err) {
          if (!(err instanceof WorkspaceConflictError)) throw err;
          throw new HttpError(409, "WORKSPACE_CONFLICT", err.message, "revision", { current: err.current });
        }
      },
    )
    .openapi(workspaceDefs.reset, async (c) => {
      if (!deps.workspace) throw unavailable();
      return c.json(await deps.workspace.service.reset(owner(c)), 200);
    });
};
