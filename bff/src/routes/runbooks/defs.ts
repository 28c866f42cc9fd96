import { z } from "zod";
import { defineRoute } from "../route-def.ts";

const NAMES = "runbook names are lower-case letters, digits and dashes";

export const runbooksDefs = {
  // Runbooks (docs/runbooks/*.md) linked from the ops health panel.
  show: defineRoute({
    method: "get",
    path: "/runbooks/{name}",
    access: "ops:read",
    hide: true,
    summary: "A runbook as HTML",
    request: {
      params: z.object({
        name: z
          .string()
          .max(64, NAMES)
          .regex(/^[a-z0-9-]+$/, NAMES),
      }),
    },
    responses: { 200: { description: "the runbook", content: { "text/html": { schema: z.string() } } } },
    errors: [400, 404],
  }),
};
