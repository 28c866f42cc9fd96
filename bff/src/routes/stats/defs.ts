import { z } from "zod";
import { defineRoute, jsonResponse } from "../route-def.ts";

export const statsDefs = {
  counters: defineRoute({
    method: "get",
    path: "/api/v1/stats",
    access: "feed:detail",
    summary: "Debug counters (conflation, upstream messages, gaps, resyncs, reconnects, malformed)",
    responses: { 200: jsonResponse(z.record(z.string(), z.unknown())) },
  }),
};
