import { Hono } from "hono";
import { buildOpenApi } from "./spec.ts";

/** `GET /api/v1/openapi.json`: the API description, generated once from the zod schemas. */
export const openapiRoute = () => {
  let doc: Record<string, unknown> | undefined;
  return new Hono().get("/", (c) => {
    doc ??= buildOpenApi();
    c.header("Cache-Control", "public, max-age=300");
    return c.json(doc, 200);
  });
};
