import { authProvidersResponseSchema, loginRequestSchema, sessionResponseSchema } from "@pregao/contracts";
import { defineRoute, jsonBody, jsonResponse } from "../route-def.ts";

// Login and logout: the perimeter's CSRF and login rate limits guard them.
export const authDefs = {
  login: defineRoute({
    method: "post",
    path: "/api/v1/auth/login",
    access: "public",
    summary: "Password login",
    request: { body: jsonBody(loginRequestSchema) },
    responses: { 200: jsonResponse(sessionResponseSchema, "logged in; the session cookie is set") },
    errors: [400, 401, 429],
  }),
  logout: defineRoute({
    method: "post",
    path: "/api/v1/auth/logout",
    access: "public",
    summary: "Log out (ends every socket of the session)",
    responses: { 204: { description: "logged out; the session cookie is cleared" } },
  }),
  providers: defineRoute({
    method: "get",
    path: "/api/v1/auth/providers",
    access: "public",
    summary: "Login methods",
    responses: { 200: jsonResponse(authProvidersResponseSchema) },
  }),
};
