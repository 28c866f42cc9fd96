import { clientConfigSchema } from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const clientConfigDefs = {
  // Runtime settings the SPA needs before login (Sentry DSN, which is public by design); no user data.
  read: defineRoute({
    method: "get",
    path: "/api/v1/client-config",
    access: "public",
    summary: "Runtime settings the SPA needs before login (Sentry DSN or null)",
    responses: { 200: jsonResponse(clientConfigSchema) },
  }),
};
