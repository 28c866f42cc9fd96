import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { workspaceSchema } from "@pregao/contracts";
import type { AppEnv } from "../../app-env.ts";
import { HttpError } from "../../lib/http-error.ts";
import { validate } from "../../lib/validator.ts";
import { WorkspaceConflictError, type WorkspaceService } from "../../workspace/service.ts";

export interface WorkspaceDeps {
  /** Absent (unit tests without a store) → 503. */
  workspace?: { service: WorkspaceService; maxBytes: number };
}

/** The path the perimeter's generic body limit leaves to this route's own (larger) WORKSPACE_MAX_BYTES. */
export const WORKSPACE_PATH = "/api/v1/workspace";

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
  return new Hono<AppEnv>()
    .get("/", async (c) => {
      if (!deps.workspace) throw unavailable();
      const body = await deps.workspace.service.read(owner(c));
      c.header("Cache-Control", "no-store");
      return c.json(body, 200);
    })
    .put(
      "/",
      bodyLimit({
        maxSize: maxBytes,
        onError: () => {
          throw new HttpError(400, "VALIDATION_FAILED", `workspace larger than ${maxBytes} bytes`, "body", {
            maxBytes,
          });
        },
      }),
      jsonBody,
      validate("json", workspaceSchema),
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
    .delete("/", async (c) => {
      if (!deps.workspace) throw unavailable();
      return c.json(await deps.workspace.service.reset(owner(c)), 200);
    });
};
