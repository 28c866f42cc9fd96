import { z } from "zod";
import { oidcLogoutResponseSchema } from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

/** Mount point of the OIDC routes; the providers route names `${OIDC_BASE}/login`. */
export const OIDC_BASE = "/api/v1/auth/oidc";

// Public: a browser navigation starts and finishes the login; 404 NOT_FOUND when OIDC is not configured.
export const oidcDefs = {
  login: defineRoute({
    method: "get",
    path: `${OIDC_BASE}/login`,
    access: "public",
    summary: "Start OpenID Connect login (redirect to the provider)",
    request: { query: z.object({ returnTo: z.string().optional() }) },
    responses: { 302: { description: "to the provider's authorization endpoint" } },
    errors: [404, 503],
  }),
  callback: defineRoute({
    method: "get",
    path: `${OIDC_BASE}/callback`,
    access: "public",
    summary: "OpenID Connect callback (redirect to returnTo)",
    responses: { 302: { description: "logged in; back to the SPA" } },
    errors: [401, 403, 404, 503],
  }),
  logout: defineRoute({
    method: "post",
    path: `${OIDC_BASE}/logout`,
    access: "public",
    summary: "OpenID Connect logout: where the SPA navigates next",
    responses: { 200: jsonResponse(oidcLogoutResponseSchema) },
    errors: [404],
  }),
};
