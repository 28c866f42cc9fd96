import type { JSONWebKeySet } from "jose";
import { routeApp } from "../route-app.ts";
import { jwksDefs } from "./defs.ts";

/**
 * `GET /.well-known/jwks.json`: the public halves of the service-token signing keys (never `d`). Public: services
 * fetch it without credentials. Short cache so a rotated-in key reaches verifiers within the publish lead.
 */
export const jwksRoute = (deps: { jwks(): JSONWebKeySet }) =>
  routeApp().openapi(jwksDefs.keys, (c) => {
    c.header("Cache-Control", "public, max-age=30");
    return c.json(deps.jwks(), 200);
  });
