import { healthResponseSchema } from "@pregao/contracts";
import { defineRoute } from "../route-def.ts";

const health = (description: string) => ({
  description,
  content: { "application/health+json": { schema: healthResponseSchema } },
});

// Infrastructure probes (load balancer, orchestrator): no user data, public, not part of the API document.
export const healthDefs = {
  live: defineRoute({
    method: "get",
    path: "/health/live",
    access: "public",
    hide: true,
    summary: "Liveness: the process answers (event-loop lag)",
    responses: { 200: health("alive") },
  }),
  ready: defineRoute({
    method: "get",
    path: "/health/ready",
    access: "public",
    hide: true,
    summary: "Readiness: can serve traders (503 when a critical dependency fails)",
    responses: { 200: health("ready"), 503: health("not ready") },
  }),
};
