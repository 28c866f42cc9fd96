import { Hono } from "hono";
import type { JSONWebKeySet } from "jose";

/**
 * `GET /.well-known/jwks.json`: the public halves of the service-token signing keys (never `d`). Public: services
 * fetch it without credentials. Short cache so a rotated-in key reaches verifiers within the publish lead.
 */
export const jwksRoute = (deps: { jwks(): JSONWebKeySet }) =>
  new Hono().get("/jwks.json", (c) => {
    c.header("Cache-Control", "public, max-age=30");
    return c.json(deps.jwks(), 200);
  });
