import { workspaceSchema } from "@pregao/contracts";
import { defineRoute, jsonBody, jsonResponse } from "../route-def.ts";

/** The path the perimeter's generic body limit leaves to this route's own (larger) WORKSPACE_MAX_BYTES. */
export const WORKSPACE_PATH = "/api/v1/workspace";

// The session user's own workspace (keyed by their user id; nobody reads another's): every logged-in role.
export const workspaceDefs = {
  read: defineRoute({
    method: "get",
    path: WORKSPACE_PATH,
    access: "session",
    summary:
      "The user's workspace (layouts, watchlists, preferences); revision 0 = the role's default, nothing saved",
    responses: { 200: jsonResponse(workspaceSchema) },
    errors: [503],
  }),
  save: defineRoute({
    method: "put",
    path: WORKSPACE_PATH,
    access: "session",
    summary:
      "Save the workspace; `revision` is the one it was read at (409 WORKSPACE_CONFLICT, details.current, when stale); docs/workspace.md",
    request: { body: jsonBody(workspaceSchema) },
    responses: { 200: jsonResponse(workspaceSchema, "saved, with the new revision") },
    errors: [400, 409, 503],
  }),
  reset: defineRoute({
    method: "delete",
    path: WORKSPACE_PATH,
    access: "session",
    summary: "Reset the workspace to the role's default (revision 0)",
    responses: { 200: jsonResponse(workspaceSchema) },
    errors: [503],
  }),
};
