import { positionsResponseSchema } from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const positionsDefs = {
  list: defineRoute({
    method: "get",
    path: "/api/v1/positions",
    access: "accounts:read:own",
    summary: "Positions and P&L (risk: all accounts)",
    responses: { 200: jsonResponse(positionsResponseSchema) },
    errors: [503],
  }),
};
