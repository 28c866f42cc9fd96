import { z } from "zod";
import { accountRefSchema, roleSchema } from "./session.ts";

/** Audiences of the BFF's short-lived service tokens. */
export const serviceAudienceSchema = z.enum(["order-manager", "risk", "market-data"]);
export type ServiceAudience = z.infer<typeof serviceAudienceSchema>;

/** Issuer of every service token. */
export const SERVICE_TOKEN_ISSUER = "pregao-bff";

/**
 * Claims of a service token (JWT, EdDSA, `kid` in the header, `exp` ≤ 60 s after `iat`). `sub` is the user id, or
 * `service:pregao-bff` for the BFF's own connections (the feed and the order-update stream).
 */
export const serviceTokenClaimsSchema = z.object({
  iss: z.literal(SERVICE_TOKEN_ISSUER),
  aud: serviceAudienceSchema,
  sub: z.string().min(1),
  jti: z.string().min(8),
  iat: z.number().int(),
  exp: z.number().int(),
  roles: z.array(roleSchema.or(z.literal("service"))),
  accounts: z.array(accountRefSchema),
});
export type ServiceTokenClaims = z.infer<typeof serviceTokenClaimsSchema>;
