import { z } from "zod";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const openapiDefs = {
  // The API description (generated from the route table); no data, so public like the SPA.
  document: defineRoute({
    method: "get",
    path: "/api/v1/openapi.json",
    access: "public",
    summary: "This document",
    responses: { 200: jsonResponse(z.record(z.string(), z.unknown())) },
  }),
};
