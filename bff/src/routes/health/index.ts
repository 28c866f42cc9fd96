import { Hono } from "hono";
import type { FeedStatus, HealthResponse } from "@pregao/contracts";
import { readiness } from "./readiness.ts";

export interface HealthDeps {
  feedStatus(): FeedStatus;
  readyMaxFeedAgeMs: number;
}

const headers = { "Content-Type": "application/health+json", "Cache-Control": "no-store" };

/** `GET /health/live` (the process answers) and `GET /health/ready` (the feed is usable). */
export const healthRoute = (deps: HealthDeps) =>
  new Hono()
    .get("/live", (c) => {
      const body: HealthResponse = { status: "pass" };
      return c.json(body, 200, headers);
    })
    .get("/ready", (c) => {
      const body = readiness(deps.feedStatus(), deps.readyMaxFeedAgeMs);
      return body.status === "fail" ? c.json(body, 503, headers) : c.json(body, 200, headers);
    });
