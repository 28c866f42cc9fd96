import { describe, expect, it } from "vitest";
import { httpAccess } from "../../security/access-table.ts";
import { buildOpenApi } from "./spec.ts";

describe("OpenAPI document", () => {
  const doc = buildOpenApi() as {
    openapi: string;
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  it("is 3.1 and lists every /api/v1 route of the access table", () => {
    expect(doc.openapi).toBe("3.1.0");
    const missing = httpAccess
      .filter((r) => r.path.startsWith("/api/v1/"))
      .filter((r) => !doc.paths[r.path.replace(/:(\w+)/g, "{$1}")]?.[r.method.toLowerCase()])
      .map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });
  it("describes the submit body, the error envelope and the access", () => {
    const submit = doc.paths["/api/v1/orders"]!.post!;
    expect(JSON.stringify(submit.requestBody)).toContain("idempotencyKey");
    expect(JSON.stringify(submit.responses)).toContain("#/components/schemas/ErrorEnvelope");
    expect(submit["x-access"]).toBe("orders:write");
    expect(Object.keys(submit.responses as object)).toEqual(expect.arrayContaining(["201", "403", "503"]));
  });
});
