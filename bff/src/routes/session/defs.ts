import { sessionResponseSchema } from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const sessionDefs = {
  current: defineRoute({
    method: "get",
    path: "/api/v1/session",
    access: "session",
    summary: "The current session",
    responses: { 200: jsonResponse(sessionResponseSchema) },
  }),
};
