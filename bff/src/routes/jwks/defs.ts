import { z } from "zod";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const jwksDefs = {
  // Service-token public keys: the backend services fetch them without credentials; public halves only.
  keys: defineRoute({
    method: "get",
    path: "/.well-known/jwks.json",
    access: "public",
    hide: true,
    summary: "Service-token public keys (JWKS)",
    responses: { 200: jsonResponse(z.object({ keys: z.array(z.record(z.string(), z.unknown())) })) },
  }),
};
