import { Hono } from "hono";
import type { AssetInfo, InstrumentsResponse } from "@pregao/contracts";
import { HttpError } from "../../lib/http-error.ts";

export interface InstrumentsDeps {
  catalog: { readonly known: boolean; list(): AssetInfo[] };
}

/** `GET /api/v1/instruments`: the upstream's asset list, cached by the BFF. */
export const instrumentsRoute = (deps: InstrumentsDeps) =>
  new Hono().get("/", (c) => {
    if (!deps.catalog.known)
      throw new HttpError(503, "UPSTREAM_UNAVAILABLE", "instrument list not available yet");
    const body: InstrumentsResponse = { instruments: deps.catalog.list() };
    return c.json(body, 200);
  });
