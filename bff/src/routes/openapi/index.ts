import { routeApp } from "../route-app.ts";
import { openapiDefs } from "./defs.ts";

/** `GET /api/v1/openapi.json`: the API description, generated once (on first request) from the mounted route table. */
export const openapiRoute = (describe: () => Record<string, unknown>) => {
  let doc: Record<string, unknown> | undefined;
  return routeApp().openapi(openapiDefs.document, (c) => {
    doc ??= describe();
    c.header("Cache-Control", "public, max-age=300");
    return c.json(doc, 200);
  });
};
