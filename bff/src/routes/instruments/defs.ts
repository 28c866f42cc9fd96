import {
  assetInfoSchema,
  instrumentParamSchema,
  instrumentsQuerySchema,
  instrumentsResponseSchema,
} from "@pregao/contracts";
import { defineRoute, jsonResponse } from "../route-def.ts";

const notModified = { description: "the ETag in If-None-Match still matches" };

export const instrumentsDefs = {
  search: defineRoute({
    method: "get",
    path: "/api/v1/instruments",
    access: "market:read",
    summary:
      "Search (q: ticker prefix, then ticker/name/description contains), page (limit ≤ 100, cursor = nextCursor) or look up (assets=A,B; ≤ 100) instruments; ETag → 304 on If-None-Match",
    request: { query: instrumentsQuerySchema },
    responses: { 200: jsonResponse(instrumentsResponseSchema, "one page"), 304: notModified },
    errors: [400, 503],
  }),
  one: defineRoute({
    method: "get",
    path: "/api/v1/instruments/{asset}",
    access: "market:read",
    summary: "One instrument; ETag → 304 on If-None-Match",
    request: { params: instrumentParamSchema },
    responses: { 200: jsonResponse(assetInfoSchema, "the instrument"), 304: notModified },
    errors: [400, 404, 503],
  }),
};
