import { routeApp } from "../route-app.ts";
import { statsDefs } from "./defs.ts";

export interface StatsDeps {
  /** Debug counters: conflation, upstream messages, gaps, resyncs, reconnects, malformed. */
  stats(): Record<string, unknown>;
}

/** `GET /api/v1/stats`: debug counters for the bench and future metrics. */
export const statsRoute = (deps: StatsDeps) =>
  routeApp().openapi(statsDefs.counters, (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(deps.stats(), 200);
  });
