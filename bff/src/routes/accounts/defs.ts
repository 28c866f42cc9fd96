import { accountsResponseSchema } from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const accountsDefs = {
  list: defineRoute({
    method: "get",
    path: "/api/v1/accounts",
    access: "accounts:read:own",
    summary: "Own accounts (risk: all)",
    responses: { 200: jsonResponse(accountsResponseSchema) },
  }),
};
