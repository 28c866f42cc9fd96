import { z } from "zod";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { errorEnvelopeSchema } from "@pregao/contracts";
import { ERROR_ENVELOPE_REF } from "../route-def.ts";

const described = new WeakSet<object>();

/**
 * The OpenAPI 3.1 document of what `app` mounted from the route table (hidden entries — probes, runbooks, JWKS, the
 * SPA — left out). Operations come from the routes' own definitions; this adds the shared pieces: the ErrorEnvelope
 * every error response points at, and the session cookie scheme.
 */
export function openApiDocument(
  app: Pick<OpenAPIHono, "openAPIRegistry" | "getOpenAPI31Document">,
): Record<string, unknown> {
  const registry = app.openAPIRegistry;
  if (!described.has(registry)) {
    described.add(registry);
    const { $schema: _drop, ...envelope } = z.toJSONSchema(errorEnvelopeSchema, { io: "output" });
    type SchemaObject = Parameters<typeof registry.registerComponent<"schemas">>[2];
    registry.registerComponent("schemas", ERROR_ENVELOPE_REF.split("/").pop()!, envelope as SchemaObject);
    registry.registerComponent("securitySchemes", "session", {
      type: "apiKey",
      in: "cookie",
      name: "__Host-pregao_sid",
    });
  }
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Pregão BFF API",
      version: "1",
      description:
        "Session cookie auth (`__Host-pregao_sid`); state-changing requests need the `x-pregao-csrf` header and a same-origin Origin. `x-access` names who may call an operation (bff/src/routes/<resource>/defs.ts, the route table).",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }],
  });
  return doc as unknown as Record<string, unknown>;
}
